import { gatewayFetcher, MISSING_TOKEN_MESSAGE } from './fetcher';

describe('the explorer fetcher', () => {
  const sent: { url: string; init: RequestInit }[] = [];
  const answer = (status: number, body: string): typeof fetch =>
    (async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return new Response(body, { status });
    }) as typeof fetch;
  beforeEach(() => (sent.length = 0));

  it('POSTs the operation as JSON with the headers the user typed', async () => {
    const fetcher = gatewayFetcher('/graphql', answer(200, '{"data":{"a":1}}'));
    const result = await fetcher(
      { query: '{ a }', operationName: null },
      { headers: { Authorization: 'Bearer t', 'x-country': 'US' } },
    );
    expect(result).toEqual({ data: { a: 1 } });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('/graphql');
    expect(sent[0]!.init.method).toBe('POST');
    expect(sent[0]!.init.headers).toMatchObject({
      authorization: 'Bearer t',
      'x-country': 'US',
      'content-type': 'application/json',
    });
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual({ query: '{ a }', operationName: null });
  });

  it('sends nothing without an authorization header, and says what to paste', async () => {
    const fetcher = gatewayFetcher('/graphql', answer(200, '{}'));
    expect(await fetcher({ query: '{ a }', operationName: null }, { headers: {} })).toEqual({
      errors: [{ message: MISSING_TOKEN_MESSAGE }],
    });
    expect(await fetcher({ query: '{ a }', operationName: null })).toEqual({
      errors: [{ message: MISSING_TOKEN_MESSAGE }],
    });
    expect(sent).toHaveLength(0);
  });

  it('shows an answer that is not JSON as an error with its status', async () => {
    const fetcher = gatewayFetcher('/graphql', answer(502, '<html>Bad gateway</html>'));
    const result = await fetcher(
      { query: '{ a }', operationName: null },
      { headers: { authorization: 'Bearer t' } },
    );
    expect(result).toEqual({ errors: [{ message: 'HTTP 502: <html>Bad gateway</html>' }] });
  });
});

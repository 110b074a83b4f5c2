import { GraphQLRequestError, sendGraphQL, type GraphQLEndpoint } from './graphql';

function endpointAnswering(status: number, body: unknown): GraphQLEndpoint {
  return {
    gatewayUrl: 'http://gateway.test',
    headers: async () => ({}),
    fetch: async () =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  };
}

describe('sendGraphQL', () => {
  it('returns partial data when the root field is there despite errors elsewhere', async () => {
    const endpoint = endpointAnswering(200, {
      data: { play: { decision: { reason: 'TEMPORARILY_UNAVAILABLE' }, title: null } },
      errors: [
        { message: 'The catalog service is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } },
      ],
    });
    await expect(sendGraphQL<{ play: object }>(endpoint, 'query', {}, 'play')).resolves.toEqual({
      play: { decision: { reason: 'TEMPORARILY_UNAVAILABLE' }, title: null },
    });
  });

  it('throws with the first error code when the root field is missing', async () => {
    const endpoint = endpointAnswering(401, {
      errors: [{ message: 'no token', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const failure = sendGraphQL<{ play: object }>(endpoint, 'query', {}, 'play');
    await expect(failure).rejects.toBeInstanceOf(GraphQLRequestError);
    await expect(failure).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('throws when the root field is null', async () => {
    const endpoint = endpointAnswering(200, { data: { play: null }, errors: [{ message: 'boom' }] });
    await expect(sendGraphQL<{ play: object | null }>(endpoint, 'query', {}, 'play')).rejects.toThrow('boom');
  });
});

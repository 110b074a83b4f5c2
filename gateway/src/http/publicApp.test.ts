import { legacyRequest } from '@testing/legacyApi';
import {
  ANALYST_TOKEN,
  GOOD_TOKEN,
  rawRequest,
  startTestGateway,
  type TestGateway,
} from '@testing/testGateway';

const PLAY_TITLE = 'query Title($id: ID!) { title(id: $id) { id name } }';
const auth = { authorization: `Bearer ${GOOD_TOKEN}` };

async function post(gateway: TestGateway, body: unknown, headers: Record<string, string> = auth) {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as Answer };
}

interface Answer {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}
const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;

describe('the public listener', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ http: { maxJsonDepth: 32 } });
  });
  afterAll(() => gateway.stop());

  it('reaches the subgraphs for an authenticated, well-formed operation (the counter works)', async () => {
    const before = gateway.subgraphFetches();
    const answer = await post(gateway, { query: PLAY_TITLE, variables: { id: 't-1' } });
    expect(answer.status).toBe(200);
    expect(gateway.subgraphFetches()).toBeGreaterThan(before);
  });

  describe('refuses before the body is read', () => {
    it('answers 401 UNAUTHENTICATED to a request without a token while its announced 1 MiB body never arrives', async () => {
      const before = gateway.subgraphFetches();
      const answer = await rawRequest(
        gateway.port,
        'POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 1048000\r\n\r\n{"query":',
      );
      expect(answer.status).toBe(401);
      expect(answer.text).toContain('"code":"UNAUTHENTICATED"');
      expect(answer.text.toLowerCase()).toContain('connection: close');
      expect(answer.closedByServer).toBe(true);
      expect(gateway.subgraphFetches()).toBe(before);
    });

    it('answers 401 to a forged token', async () => {
      const answer = await post(gateway, { query: PLAY_TITLE }, { authorization: 'Bearer forged' });
      expect(answer.status).toBe(401);
      expect(codeOf(answer.json)).toBe('UNAUTHENTICATED');
    });
  });

  describe('refuses bodies that cost to parse', () => {
    it('answers 400 BAD_REQUEST to variables nested deeper than the cap, without calling a subgraph', async () => {
      const before = gateway.subgraphFetches();
      const deep = '['.repeat(40) + ']'.repeat(40);
      const answer = await post(gateway, `{"query":"{ __typename }","variables":{"id":${deep}}}`);
      expect(answer.status).toBe(400);
      expect(codeOf(answer.json)).toBe('BAD_REQUEST');
      expect(answer.json.errors?.[0]?.message).toBe('JSON nests deeper than 32 levels');
      expect(gateway.subgraphFetches()).toBe(before);
    });

    it('answers 400 to a 1 MiB body of nothing but nesting', async () => {
      const answer = await post(gateway, `{"variables":${'['.repeat(1_000_000)}`);
      expect(answer.status).toBe(400);
      expect(answer.json.errors?.[0]?.message).toBe('JSON nests deeper than 32 levels');
    });

    it('answers 400 to a GET whose variables nest deeper than the cap', async () => {
      const variables = encodeURIComponent(`{"id":${'['.repeat(40)}${']'.repeat(40)}}`);
      const response = await fetch(
        `${gateway.url}/graphql?query=${encodeURIComponent(PLAY_TITLE)}&variables=${variables}`,
        { headers: { ...auth, 'apollo-require-preflight': 'true' } },
      );
      expect(response.status).toBe(400);
      expect(codeOf((await response.json()) as Answer)).toBe('BAD_REQUEST');
    });

    it('answers 413 to a body over 1 MiB and closes the connection', async () => {
      const answer = await post(gateway, { query: PLAY_TITLE, padding: 'x'.repeat(1024 * 1024) });
      expect(answer.status).toBe(413);
      expect(codeOf(answer.json)).toBe('BAD_REQUEST');
      expect(answer.headers.get('connection')).toBe('close');
    });

    it('answers 400 to a body that is not JSON', async () => {
      const answer = await post(gateway, '{"query": ');
      expect(answer.status).toBe(400);
      expect(answer.json.errors?.[0]?.message).toBe('Request body is not valid JSON');
    });
  });

  describe('answers client mistakes with 400, not 500', () => {
    it.each([
      ['an unknown operationName', { query: PLAY_TITLE, operationName: 'Nope', variables: { id: 't' } }],
      ['several anonymous operations', { query: '{ __typename } { __typename }' }],
      [
        'several operations without an operationName',
        { query: 'query A { __typename } query B { __typename }' },
      ],
      ['a subscription', { query: 'subscription S { __typename }' }],
    ])('%s', async (_mistake, body) => {
      const before = gateway.subgraphFetches();
      const answer = await post(gateway, body);
      expect(answer.status).toBe(400);
      expect(gateway.subgraphFetches()).toBe(before);
    });
  });

  it('enforces the operation limits before any subgraph is called', async () => {
    const before = gateway.subgraphFetches();
    const aliases = Array.from({ length: 21 }, (_, index) => `t${index}: title(id: "t") { id }`).join(' ');
    const answer = await post(gateway, { query: `{ ${aliases} }` });
    expect(answer.status).toBe(400);
    expect(codeOf(answer.json)).toBe('TOO_MANY_ALIASES');
    expect(gateway.subgraphFetches()).toBe(before);
  });

  describe("keeps operators' endpoints off the public port", () => {
    it('answers 404 for /metrics on the public port and serves it on the admin listener', async () => {
      expect((await fetch(`${gateway.url}/metrics`)).status).toBe(404);
      const metrics = await fetch(`${gateway.adminUrl}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('gateway_subgraph_circuit_state');
    });

    it('keeps health and the JWKS on the public port', async () => {
      expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
      const jwks = await fetch(`${gateway.url}/.well-known/jwks.json`);
      expect(jwks.status).toBe(200);
      expect(jwks.headers.get('cache-control')).toBe('public, max-age=300');
    });
  });

  describe('security headers', () => {
    it('serves the landing page with a CSP that forbids framing, and nosniff', async () => {
      const page = await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('sends nosniff with JSON answers, refusals included', async () => {
      const answer = await post(gateway, { query: PLAY_TITLE }, {});
      expect(answer.status).toBe(401);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });

  it('keeps CSRF prevention: a simple cross-site GET without a preflight header is refused', async () => {
    const response = await fetch(`${gateway.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: auth,
    });
    expect(response.status).toBe(400);
  });

  it('refuses the analyst fields to a viewer with 403 FORBIDDEN, before any subgraph is called', async () => {
    const before = gateway.subgraphFetches();
    const answer = await post(gateway, { query: '{ account(id: "u-basic") { id } }' });
    expect(answer.status).toBe(403);
    expect(codeOf(answer.json)).toBe('FORBIDDEN');
    expect(gateway.subgraphFetches()).toBe(before);
  });

  it('refuses batched requests', async () => {
    const answer = await post(gateway, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(answer.status).toBe(400);
  });
});

describe('the public listener in production', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ production: true });
  });
  afterAll(() => gateway.stop());

  it('gives no "Did you mean" suggestions for a misspelt field', async () => {
    const answer = await post(gateway, { query: '{ titel(id: "t") { id } }' });
    expect(answer.status).toBe(400);
    expect(answer.text).not.toContain('Did you mean');
  });

  it('refuses introspection', async () => {
    const answer = await post(gateway, { query: '{ __schema { types { name } } }' });
    expect(answer.status).toBe(400);
  });

  it("lets an analyst introspect and run a query of its own, outside the devices' trusted documents", async () => {
    const answer = await post(
      gateway,
      { query: '{ __schema { queryType { name } } }' },
      { authorization: `Bearer ${ANALYST_TOKEN}` },
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

describe('the legacy API switched off (LEGACY_API=off)', () => {
  it('serves none of its routes, and GraphQL as before', async () => {
    const gateway = await startTestGateway({ legacyApi: null });
    try {
      const legacy = { gatewayUrl: gateway.url };
      const play = { titleId: 't-1', profileId: 'p-1', deviceModel: 'any' };
      expect((await legacyRequest(legacy, '/v1/playback/start', { body: play })).status).toBe(404);
      expect((await legacyRequest(legacy, '/v1/titles/t-1')).status).toBe(404);
      expect((await post(gateway, { query: PLAY_TITLE, variables: { id: 't-1' } })).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});

describe('slow and numerous clients', () => {
  it('cuts a request whose body trickles in with 408 once the request timeout passes', async () => {
    const gateway = await startTestGateway({ http: { requestTimeoutMs: 1_000, headersTimeoutMs: 1_000 } });
    try {
      const body = '{"query":"{ __typename }"}';
      const answer = await rawRequest(
        gateway.port,
        `POST /graphql HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${GOOD_TOKEN}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
        // One byte every 400 ms: the whole body would take over ten seconds.
        { trickle: [...body], everyMs: 400, waitMs: 8_000 },
      );
      expect(answer.status).toBe(408);
      expect(answer.closedByServer).toBe(true);
      expect(gateway.subgraphFetches()).toBe(0);
    } finally {
      await gateway.stop();
    }
  });

  it('closes connections past maxConnections at once', async () => {
    const gateway = await startTestGateway({ http: { maxConnections: 1 } });
    try {
      const first = rawRequest(gateway.port, '', { waitMs: 1_500 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const second = await rawRequest(gateway.port, 'GET /health/live HTTP/1.1\r\nhost: localhost\r\n\r\n', {
        waitMs: 1_500,
      });
      expect(second.closedByServer).toBe(true);
      expect(second.status).toBe(0);
      expect((await first).closedByServer).toBe(false);
    } finally {
      await gateway.stop();
    }
  });
});

describe('draining', () => {
  it('answers not ready at once, lets the request in flight finish with Connection: close, and closes the admin listener', async () => {
    const gateway = await startTestGateway({}, 400);
    const inFlight = post(gateway, { query: PLAY_TITLE, variables: { id: 't-1' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = gateway.stop(5_000);
    const ready = await fetch(`${gateway.url}/health/ready`).then(
      (response) => response.status,
      () => 'refused',
    );
    // The listener is closed at once: a new connection is refused, or (on a reused one) told 503.
    expect([503, 'refused']).toContain(ready);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('connection')).toBe('close');
    await stopped;
    await expect(fetch(`${gateway.adminUrl}/metrics`)).rejects.toThrow();
  });
});

describe('a GET that asks for HTML and also carries an operation', () => {
  it('is refused 401 when it prefers JSON: the page goes only to a browser preferring HTML, and runs nothing', async () => {
    const gateway = await startTestGateway();
    try {
      const response = await fetch(`${gateway.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { accept: 'text/html;q=0.1, application/json', 'apollo-require-preflight': 'true' },
      });
      const text = await response.text();
      expect(text).not.toContain('"__typename"');
      expect(response.status).toBe(401);
      expect(gateway.subgraphFetches()).toBe(0);
    } finally {
      await gateway.stop();
    }
  });
});

/**
 * The legacy REST API against the real gateway and subgraphs in process, seeded with the demo
 * dataset: the headers, errors, rate limits and request counts a device and an operator rely on. The
 * answer-for-answer comparison with GraphQL over the whole dataset is test/e2e/legacy-api/.
 */
import { print } from 'graphql';
import { loadDataset } from '@platform/dataset/load';
import { createLogger } from '@platform/log';
import { PlayDocument, TitleDocument } from '../../../clients/__generated__/operations';
import { metricSum } from '@testing/abuse';
import { metricsOf } from '@testing/fallbackMatrix';
import { startInProcessStack, type InProcessStack } from '@testing/inProcessStack';
import { legacyRequest, type LegacyAnswer } from '@testing/legacyApi';
import { Seed } from '@testing/seed';
import { TrustedProxies } from '../http/trustedProxies';
import { createRateLimiter } from '../rateLimits/limiter';
import { DEFAULT_RATE_LIMIT_BUDGETS } from '../rateLimits/budgets';
import type { ApiGeneration } from './apiGeneration';
import { DeviceModels, deviceInputFor } from './deviceModels';

const dataset = loadDataset();
const models = DeviceModels.load();

/** `gateway_requests_total` of both API generations. */
async function requestsPerApi(stack: InProcessStack): Promise<Record<ApiGeneration, number>> {
  const metrics = await metricsOf(stack);
  const count = (api: ApiGeneration) => metricSum(metrics, 'gateway_requests_total', [`api="${api}"`]);
  return { graphql: count('graphql'), 'legacy-v1': count('legacy-v1') };
}

const ROKU = 'roku-3-4230';
const PLAY_BODY = { titleId: 't-basic-drama', profileId: 'p-premium-adult', deviceModel: ROKU };

describe('legacy REST API', () => {
  let stack: InProcessStack;
  let premiumToken: string;

  beforeAll(async () => {
    stack = await startInProcessStack(Seed.of(dataset), {
      http: { trustedProxies: TrustedProxies.loopback },
    });
    premiumToken = await stack.tokenFor('u-premium');
  });
  afterAll(() => stack?.stop());

  it('puts Deprecation, Sunset and the deprecation link on every answer, errors included', async () => {
    const answers = await Promise.all([
      legacyRequest(stack, '/v1/playback/start', {
        body: PLAY_BODY,
        headers: { authorization: `Bearer ${premiumToken}` },
      }),
      legacyRequest(stack, '/v1/playback/start', { body: PLAY_BODY }),
      legacyRequest(stack, '/v1/playback/start', { body: { titleId: 't-1' } }),
      legacyRequest(stack, '/v1/titles/t-basic-drama', {
        headers: { authorization: `Bearer ${premiumToken}` },
      }),
      legacyRequest(stack, '/v1/titles/t-does-not-exist', {
        headers: { authorization: `Bearer ${premiumToken}` },
      }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 400, 200, 404]);
    for (const { headers } of answers) {
      expect(headers.get('deprecation')).toBe('@1767225600');
      expect(headers.get('sunset')).toBe('Fri, 01 Jan 2027 00:00:00 GMT');
      expect(headers.get('link')).toBe('</docs/legacy-api.md>; rel="deprecation"; type="text/markdown"');
    }
  });

  it('refuses an unknown device model with a 400 naming it, before the token is even looked at', async () => {
    const { status, json } = await legacyRequest(stack, '/v1/playback/start', {
      body: { ...PLAY_BODY, deviceModel: 'nokia-3310' },
    });
    expect(status).toBe(400);
    expect(json).toEqual({
      error: { code: 'UNKNOWN_DEVICE_MODEL', message: expect.stringContaining('"nokia-3310"') },
    });
  });

  it('answers 401 without a token or with a bad one, as GraphQL does', async () => {
    const none = await legacyRequest(stack, '/v1/playback/start', { body: PLAY_BODY });
    const forged = await legacyRequest(stack, '/v1/titles/t-basic-drama', {
      headers: { authorization: 'Bearer nope' },
    });
    const graphql = await stack.graphql({ query: print(TitleDocument), variables: { id: 't-basic-drama' } });
    expect([none.status, forged.status, graphql.status]).toEqual([401, 401, 401]);
    expect(none.json).toEqual({
      error: { code: 'UNAUTHENTICATED', message: graphql.json.errors![0]!.message },
    });
    expect(forged.json).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'The bearer token is invalid or expired' },
    });
  });

  it.each([
    ['a missing field', { titleId: 't-1', profileId: 'p-1' }, '`deviceModel` is required'],
    ['a wrong type', { ...PLAY_BODY, titleId: 7 }, '`titleId` must be a string'],
    ['a body that is not JSON', '{"titleId":', 'The body is not valid JSON'],
    ['a body over 8 KiB', { ...PLAY_BODY, padding: 'x'.repeat(9_000) }, 'larger than 8192 bytes'],
  ])('answers 400 INVALID_BODY for %s', async (_case, body, message) => {
    const { status, json } = await legacyRequest(stack, '/v1/playback/start', {
      body,
      headers: { authorization: `Bearer ${premiumToken}` },
    });
    expect(status).toBe(400);
    expect(json).toEqual({ error: { code: 'INVALID_BODY', message: expect.stringContaining(message) } });
  });

  it('answers 400 INVALID_BODY for a body that is not application/json', async () => {
    const { status, json } = await legacyRequest(stack, '/v1/playback/start', {
      body: new URLSearchParams(PLAY_BODY).toString(),
      headers: {
        authorization: `Bearer ${premiumToken}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(status).toBe(400);
    expect(json).toEqual({
      error: { code: 'INVALID_BODY', message: 'Send the body as `content-type: application/json`' },
    });
  });

  it('answers a title from the trusted Title document, and 404 for one that does not exist', async () => {
    const authorization = `Bearer ${premiumToken}`;
    const [found, missing, graphql] = await Promise.all([
      legacyRequest(stack, '/v1/titles/t-basic-drama', { headers: { authorization } }),
      legacyRequest(stack, '/v1/titles/t-does-not-exist', { headers: { authorization } }),
      stack.graphql({ query: print(TitleDocument), variables: { id: 't-basic-drama' } }, { authorization }),
    ]);
    expect(found.status).toBe(200);
    expect(found.json).toEqual({
      ...(graphql.json.data as { title: object }).title,
      degraded: false,
      degradedParts: [],
    });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({
      error: { code: 'TITLE_NOT_FOUND', message: 'No title with id "t-does-not-exist"' },
    });
  });

  it('answers a play of a title that does not exist as a 200 refusal with no title', async () => {
    const { status, json } = await legacyRequest(stack, '/v1/playback/start', {
      body: { ...PLAY_BODY, titleId: 't-does-not-exist' },
      headers: { authorization: `Bearer ${premiumToken}` },
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ allowed: false, reason: 'TITLE_NOT_FOUND', manifest: null, title: null });
  });

  it('counts requests per API generation: a legacy request once, as legacy-v1, never as graphql', async () => {
    const authorization = `Bearer ${premiumToken}`;
    const before = await requestsPerApi(stack);
    await legacyRequest(stack, '/v1/playback/start', { body: PLAY_BODY, headers: { authorization } });
    await legacyRequest(stack, '/v1/titles/t-basic-drama', { headers: { authorization } });
    await legacyRequest(stack, '/v1/playback/start', { body: PLAY_BODY });
    await stack.graphql(
      { query: print(TitleDocument), variables: { id: 't-basic-drama' } },
      { authorization },
    );
    await stack.graphql({ query: print(TitleDocument), variables: { id: 't-basic-drama' } });
    const after = await requestsPerApi(stack);
    expect(after['legacy-v1'] - before['legacy-v1']).toBe(3);
    expect(after.graphql - before.graphql).toBe(2);
  });
});

describe('legacy REST API under a rate limit', () => {
  /** Runs `body` against a stack whose rate limits are the defaults with `budgets` changed. */
  async function withLimitedStack(
    budgets: Partial<typeof DEFAULT_RATE_LIMIT_BUDGETS>,
    body: (stack: InProcessStack) => Promise<void>,
  ) {
    const rateLimiter = createRateLimiter({
      budgets: { ...DEFAULT_RATE_LIMIT_BUDGETS, ...budgets },
      logger: createLogger('gateway', 'silent'),
    });
    const stack = await startInProcessStack(Seed.of(dataset), { rateLimiter });
    try {
      await body(stack);
    } finally {
      await stack.stop();
    }
  }
  const RATE_LIMITED = {
    error: { code: 'RATE_LIMITED', message: expect.any(String), retryAfterSeconds: expect.any(Number) },
  };

  it('answers 429 with Retry-After once the account has spent its play budget, as GraphQL does', async () => {
    const account = { ...DEFAULT_RATE_LIMIT_BUDGETS.account, play: { perMinute: 2, burst: 2 } };
    await withLimitedStack({ account }, async (stack) => {
      const headers = { authorization: `Bearer ${await stack.tokenFor('u-premium')}` };
      const statuses: number[] = [];
      let last: LegacyAnswer | undefined;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        last = await legacyRequest(stack, '/v1/playback/start', { body: PLAY_BODY, headers });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last!.headers.get('deprecation')).toBe('@1767225600');
      expect(last!.json).toEqual(RATE_LIMITED);
      // The same account's GraphQL play shares the budget: one pipeline, one budget.
      const graphql = await stack.graphql(
        {
          query: print(PlayDocument),
          variables: {
            input: {
              titleId: 't-basic-drama',
              profileId: 'p-premium-adult',
              device: deviceInputFor(models.find(ROKU)!, undefined),
            },
          },
        },
        headers,
      );
      expect(graphql.status).toBe(429);
    });
  });

  it('answers 429 once the client address has spent its budget, whatever the account, before the token is checked; GraphQL from that address shares it', async () => {
    await withLimitedStack({ address: { perMinute: 2, burst: 2 } }, async (stack) => {
      const as = async (account: string) => ({ authorization: `Bearer ${await stack.tokenFor(account)}` });
      const statuses: number[] = [];
      for (const account of ['u-premium', 'u-standard', 'u-basic']) {
        const answer = await legacyRequest(stack, '/v1/titles/t-basic-drama', { headers: await as(account) });
        statuses.push(answer.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      // Counted before the token: a request without one is refused for the address, not as 401.
      const anonymous = await legacyRequest(stack, '/v1/titles/t-basic-drama');
      expect(anonymous.status).toBe(429);
      expect(anonymous.json).toEqual(RATE_LIMITED);
      const graphql = await stack.graphql(
        { query: print(TitleDocument), variables: { id: 't-basic-drama' } },
        await as('u-nosub'),
      );
      expect(graphql.status).toBe(429);
    });
  });
});

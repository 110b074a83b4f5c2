import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HeaderMap } from '@apollo/server';
import { Redis } from 'ioredis';
import { ErrorCode } from '@contracts/graphqlErrors';
import { createLogger } from '@platform/log';
import { freePort } from '@platform/ports';
import { startCountingApollo } from '@testing/countingGateway';
import { PLAY_VARIABLES } from '@testing/hostileOperations';
import type { GatewayContext } from '../request/context';
import { newFallbackState } from '../request/degraded';
import { rateLimitedAnswer } from './addressGate';
import type { RateLimitBudgets } from './budgets';
import { createRateLimiter, type RateLimiter } from './limiter';
import { rateLimitPlugin, type RateLimitPluginOptions } from './plugin';

const OPERATIONS_DIR = path.resolve(__dirname, '../../../clients/operations');
const PLAY = readFileSync(path.join(OPERATIONS_DIR, 'Play.graphql'), 'utf8');
const TITLES = readFileSync(path.join(OPERATIONS_DIR, 'Titles.graphql'), 'utf8');

/**
 * Bursts as large as minutes, so every refusal here comes from a one-minute window, which no test
 * outlives: the outcomes do not depend on how fast the machine runs them.
 */
const BUDGETS: RateLimitBudgets = {
  account: {
    play: { perMinute: 2, burst: 2 },
    prefetch: { perMinute: 600, burst: 100 },
    endPlayback: { perMinute: 2, burst: 2 },
    browse: { perMinute: 3, burst: 3 },
  },
  address: { perMinute: 6, burst: 6 },
};

interface Caller {
  account: string | null;
  address?: string;
}

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  /** Subgraph fetches this request made. */
  subgraphCalls: number;
}

/**
 * The gateway over the checked-in supergraph, with the rate-limit plugin, whose subgraphs only count
 * the fetches they are sent; the caller comes from the test, as `authenticate` would have made it.
 */
async function startGateway(options: RateLimitPluginOptions = {}, limiter?: RateLimiter) {
  const logger = createLogger('gateway', 'silent');
  const { server, subgraphCalls } = await startCountingApollo<GatewayContext>({
    plugins: [rateLimitPlugin(limiter ?? createRateLimiter({ budgets: BUDGETS, logger }), options)],
  });
  const post = async (
    caller: Caller,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<Answer> => {
    const before = subgraphCalls();
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'application/json']]),
        search: '',
        body: { query, variables },
      },
      context: async () => ({
        caller: { accountId: caller.account, country: 'US' },
        fallback: newFallbackState(),
        ...(caller.address === undefined ? {} : { clientAddress: caller.address }),
      }),
    });
    if (response.body.kind !== 'complete') throw new Error('expected a complete response');
    return {
      status: response.status ?? 200,
      retryAfter: response.headers.get('retry-after'),
      body: JSON.parse(response.body.string) as Answer['body'],
      subgraphCalls: subgraphCalls() - before,
    };
  };
  return { post, stop: () => server.stop() };
}

type Gateway = Awaited<ReturnType<typeof startGateway>>;

const play = (gateway: Gateway, caller: Caller) => gateway.post(caller, PLAY, PLAY_VARIABLES);
const browse = (gateway: Gateway, caller: Caller) => gateway.post(caller, TITLES, { first: 10 });

function expectRateLimited(answer: Answer) {
  expect(answer.status).toBe(429);
  expect(answer.retryAfter).toMatch(/^[1-9][0-9]*$/);
  expect(Number(answer.retryAfter)).toBeLessThanOrEqual(60);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toEqual([
    {
      message: `Too many requests: try again in ${answer.retryAfter} s`,
      extensions: { code: ErrorCode.RateLimited, retryAfterSeconds: Number(answer.retryAfter) },
    },
  ]);
  expect(answer.subgraphCalls).toBe(0);
}

function expectServed(answer: Answer) {
  expect(answer.status).toBe(200);
  expect(answer.retryAfter).toBeUndefined();
  expect(answer.subgraphCalls).toBeGreaterThan(0);
}

describe('the rate-limit plugin in a gateway', () => {
  let gateway: Gateway;

  beforeEach(async () => {
    gateway = await startGateway();
  });

  afterEach(() => gateway.stop());

  it('answers a play past the account budget with 429, Retry-After and RATE_LIMITED, calling no subgraph', async () => {
    const caller = { account: 'u-1', address: '192.0.2.1' };
    expectServed(await play(gateway, caller));
    expectServed(await play(gateway, caller));
    expectRateLimited(await play(gateway, caller));
  });

  it('still serves play to an account that used up its browsing budget', async () => {
    const caller = { account: 'u-1', address: '192.0.2.1' };
    for (let i = 0; i < 3; i += 1) expectServed(await browse(gateway, caller));
    expectRateLimited(await browse(gateway, caller));
    expectServed(await play(gateway, caller));
  });

  it('serves another account while one is refused', async () => {
    for (let i = 0; i < 2; i += 1) await play(gateway, { account: 'u-1', address: '192.0.2.1' });
    expectRateLimited(await play(gateway, { account: 'u-1', address: '192.0.2.1' }));
    expectServed(await play(gateway, { account: 'u-2', address: '192.0.2.2' }));
  });

  it('refuses an address that spreads its requests over many accounts', async () => {
    for (let i = 0; i < 6; i += 1)
      expectServed(await browse(gateway, { account: `u-${i}`, address: '192.0.2.9' }));
    expectRateLimited(await browse(gateway, { account: 'u-new', address: '192.0.2.9' }));
    expectServed(await browse(gateway, { account: 'u-new', address: '192.0.2.10' }));
  });

  it('puts every request without a client address in one shared budget', async () => {
    for (let i = 0; i < 6; i += 1) expectServed(await browse(gateway, { account: `u-${i}` }));
    expectRateLimited(await browse(gateway, { account: 'u-other' }));
  });

  it('limits an anonymous caller by its address alone', async () => {
    for (let i = 0; i < 6; i += 1)
      expectServed(await browse(gateway, { account: null, address: '192.0.2.3' }));
    expectRateLimited(await browse(gateway, { account: null, address: '192.0.2.3' }));
  });
});

describe('the rate-limit plugin behind an HTTP layer that charges the address itself', () => {
  it("answers a refusal exactly as the HTTP layer's address gate does", async () => {
    const gateway = await startGateway();
    try {
      const caller = { account: 'u-1', address: '192.0.2.6' };
      await play(gateway, caller);
      await play(gateway, caller);
      const refused = await play(gateway, caller);
      const seconds = Number(refused.retryAfter);
      expect({
        status: refused.status,
        headers: { 'retry-after': refused.retryAfter },
        body: refused.body,
      }).toEqual(rateLimitedAnswer(seconds));
    } finally {
      await gateway.stop();
    }
  });

  it('takes nothing from the address budget', async () => {
    const gateway = await startGateway({ chargeAddress: false });
    try {
      for (let i = 0; i < 8; i += 1)
        expectServed(await browse(gateway, { account: `u-${i}`, address: '192.0.2.4' }));
    } finally {
      await gateway.stop();
    }
  });
});

describe('the rate-limit plugin when the Redis it counts in is unreachable', () => {
  it('still answers, counting in memory: a 429 only once the budget is used up', async () => {
    // Nothing listens on a port just freed, and the client fails a command at once, as index.ts's does.
    const redis = new Redis({
      host: '127.0.0.1',
      port: await freePort(),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1_000,
      retryStrategy: () => 100,
      // The failed socket never closes again: do not keep the test process up for ioredis's 2 s.
      disconnectTimeout: 50,
    });
    redis.on('error', () => {});
    const limiter = createRateLimiter({ budgets: BUDGETS, redis, logger: createLogger('test', 'silent') });
    const gateway = await startGateway({}, limiter);
    try {
      const caller = { account: 'u-1', address: '192.0.2.5' };
      expectServed(await play(gateway, caller));
      expectServed(await play(gateway, caller));
      expectRateLimited(await play(gateway, caller));
    } finally {
      await gateway.stop();
      redis.disconnect();
    }
  });
});

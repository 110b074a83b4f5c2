import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { jwtVerify } from 'jose';
import { loadSigningKey, loadVerificationKeys } from '@platform/keys/keyring';
import { createLogger } from '@platform/log';
import { Seed } from '@testing/seed';
import { startTestGateway } from '@testing/testGateway';
import {
  PLAYER_CONFIG_ELEMENT_ID,
  type DevTokenAnswer,
  type PlayerPageConfig,
} from '../../../clients/player/web/pageConfig';
import { registerPlayer } from './playerRoutes';

const dataset = new Seed()
  .subscriber('acct-1', 'PREMIUM')
  .profile('prof-1', 'acct-1')
  .title('t-1')
  .cdn('cdn-a', { regions: [], priority: 1 })
  .build();
dataset.cdns[0]!.baseUrl = 'http://127.0.0.1:4101';

describe('the reference player routes (development)', () => {
  let app: FastifyInstance;
  let dir: string;
  const edgeCalls: { url: string; method: string; body: unknown }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'player-routes-'));
    const key = await loadSigningKey('identity', { kind: 'development', dir });
    app = Fastify();
    await registerPlayer(app, {
      logger: createLogger('test', 'silent'),
      bundleDir: dir,
      dataset: () => dataset,
      identityKey: async () => key,
      fetch: (async (url: string, init: RequestInit) => {
        edgeCalls.push({ url, method: init.method!, body: init.body });
        return new Response(JSON.stringify({ down: init.method === 'POST' }), { status: 200 });
      }) as typeof fetch,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page with the demo accounts and CDNs, and lets it reach only the CDNs besides itself', async () => {
    const page = await app.inject({ method: 'GET', url: '/player/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("connect-src 'self' http://127.0.0.1:4101;");
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    const json = new RegExp(`id="${PLAYER_CONFIG_ELEMENT_ID}">(.*?)</script>`, 's').exec(page.body)![1]!;
    const config = JSON.parse(json) as PlayerPageConfig;
    expect(config.accounts).toEqual([
      { id: 'acct-1', country: dataset.users[0]!.country, subscription: 'PREMIUM ACTIVE' },
    ]);
    expect(config.cdns).toEqual([{ id: 'cdn-a', baseUrl: 'http://127.0.0.1:4101' }]);
    // No bundle in `bundleDir`: the page says how to build it instead of staying blank.
    expect(page.body).toContain('npm run build:player');
  });

  it('issues a development token for a demo account, and names the accounts for anything else', async () => {
    const answer = await app.inject({ method: 'GET', url: '/player/dev-token?account=acct-1' });
    expect(answer.statusCode).toBe(200);
    const { token, accountId } = answer.json<DevTokenAnswer>();
    expect(accountId).toBe('acct-1');
    const keys = await loadVerificationKeys('identity', { kind: 'development', dir });
    const { payload } = await jwtVerify(token, keys.keyFor);
    expect(payload.sub).toBe('acct-1');

    const unknown = await app.inject({ method: 'GET', url: '/player/dev-token?account=nobody' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({ error: expect.stringContaining('one of acct-1') });
  });

  it("sets and clears faults on a dataset CDN's edge, and refuses a CDN it does not know", async () => {
    const down = await app.inject({
      method: 'PUT',
      url: '/player/dev/cdns/cdn-a/faults',
      payload: { down: true },
    });
    expect(down.statusCode).toBe(200);
    const cleared = await app.inject({ method: 'DELETE', url: '/player/dev/cdns/cdn-a/faults' });
    expect(cleared.statusCode).toBe(200);
    expect(edgeCalls).toEqual([
      { url: 'http://127.0.0.1:4101/_faults', method: 'POST', body: '{"down":true}' },
      { url: 'http://127.0.0.1:4101/_faults', method: 'DELETE', body: null },
    ]);
    const unknown = await app.inject({
      method: 'PUT',
      url: '/player/dev/cdns/elsewhere/faults',
      payload: {},
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('the reference player in production', () => {
  it('does not exist: the page, its assets and the development helpers are all 404', async () => {
    const gateway = await startTestGateway({ production: true });
    try {
      for (const url of ['/player/', '/player/assets/player.js', '/player/dev-token?account=u-premium']) {
        expect((await fetch(`${gateway.url}${url}`)).status).toBe(404);
      }
    } finally {
      await gateway.stop();
    }
  });
});

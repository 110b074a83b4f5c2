/**
 * Last good values shared through Redis: a gateway replica that started after a play was answered
 * elsewhere can still answer it from the shared stale store when a subgraph fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPOSITORY_ROOT } from '@platform/env';
import { freePort } from '@platform/ports';
import { stopProcess } from '@platform/stack';
import { Seed } from '@testing/seed';
import { startTestStack, type TestStack } from '@testing/stack';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PLAY = `query Play($input: PlayInput!) { play(input: $input) { decision { reason } manifest { keyId } } }`;
const TV = { id: 'tv', type: 'TV', codecs: ['H264'], maxHeight: 1080, drm: ['WIDEVINE'] };
const seed = new Seed()
  .subscriber('acct-a', 'PREMIUM')
  .profile('prof-a', 'acct-a')
  .title('t-1')
  .cdn('cdn-global');

describe('the stale store shared through Redis', () => {
  let stack: TestStack;
  let secondGateway: ChildProcess | undefined;

  // Without Redis this file is not run at all (jest.config.js says so).
  beforeAll(async () => {
    // Entity cache off: fresh cached titles would spare the stopped catalog; this is about stale ones.
    stack = await startTestStack(seed, { REDIS_URL, ENTITY_CACHE: 'off' });
  }, 90_000);

  afterAll(async () => {
    if (secondGateway) await stopProcess(secondGateway);
    await stack?.stop();
  });

  async function play(gatewayUrl: string) {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await stack.tokenFor('acct-a')}`,
        'x-country': 'US',
      },
      body: JSON.stringify({
        query: PLAY,
        variables: { input: { titleId: 't-1', profileId: 'prof-a', device: TV } },
      }),
    });
    return (await response.json()) as {
      data: { play: { decision: { reason: string }; manifest: object | null } };
      extensions?: { degraded?: { subgraph: string; fallback: string }[] };
    };
  }

  it('lets a gateway replica started later answer a seen play from stale data while the catalog is down', async () => {
    expect((await play(stack.gatewayUrl)).data.play.decision.reason).toBe('GRANTED');

    const port = await freePort();
    secondGateway = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPOSITORY_ROOT, 'gateway/src/index.ts')],
      {
        cwd: REPOSITORY_ROOT,
        // Its own admin port: the stack's gateway holds the one in stack.env.
        env: { ...stack.env, PORT: String(port), ADMIN_PORT: '0' },
        stdio: 'ignore',
      },
    );
    const fresh = `http://127.0.0.1:${port}`;
    for (let tries = 0; tries < 100; tries++) {
      const ready = await fetch(`${fresh}/health/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    stack.process('catalog').kill('SIGKILL');
    const answer = await play(fresh);
    expect(answer.data.play.decision.reason).toBe('GRANTED');
    expect(answer.data.play.manifest).not.toBeNull();
    expect(answer.extensions?.degraded).toContainEqual(
      expect.objectContaining({ subgraph: 'catalog', fallback: 'STALE' }),
    );
    await stack.restart('catalog');
  }, 60_000);
});

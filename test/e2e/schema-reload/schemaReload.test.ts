/**
 * A supergraph change reaches a running gateway without a restart and without dropping a `play`:
 * while devices keep playing, the gateway's supergraph file (SUPERGRAPH_PATH, a temporary copy) is
 * replaced ten times, alternately by a variant whose `Query.title` says more in its description and by
 * the original. Each time introspection shows the change within five seconds and `/health/ready` names the new hash. A file of
 * garbage is refused, counted, and the old supergraph keeps serving.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import { PlayDocument } from '../../../clients/__generated__/operations';
import { SUPERGRAPH_PATH } from '@platform/composition';
import { Seed } from '@testing/seed';
import { startTestStack, type GraphQLResponse, type TestStack } from '@testing/stack';
import { composeVariantSupergraph, PROBE_MARKER } from '@testing/supergraphVariant';

const PLAY = print(PlayDocument);
/** Devices playing at once. */
const CLIENTS = 4;
const SWAPS = 10;
/** How soon a change must be served after the file changed. */
const REACTION_MS = 5_000;

const seed = new Seed()
  .subscriber('acct-premium', 'PREMIUM')
  .profile('prof-premium-adult', 'acct-premium')
  .title('t-premium', { subscriptionTier: 'PREMIUM' })
  .cdn('cdn-us', { regions: ['US'], priority: 1 });

const INPUT = {
  titleId: 't-premium',
  profileId: 'prof-premium-adult',
  device: { id: 'tv-1', type: 'TV', codecs: ['H264'], maxHeight: 1080, hdr: [], drm: ['WIDEVINE'] },
};

const hashOf = (sdl: string) => createHash('sha256').update(sdl).digest('hex');

describe('a supergraph changed while the gateway serves', () => {
  const original = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const variant = composeVariantSupergraph();
  const dir = mkdtempSync(path.join(tmpdir(), 'schema-reload-'));
  const file = path.join(dir, 'supergraph.graphql');
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    writeFileSync(file, original);
    stack = await startTestStack(seed, { SUPERGRAPH_PATH: file });
    token = await stack.tokenFor('acct-premium');
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Replaces the file the way an editor or a deploy does: a new file renamed over the old one. */
  function replaceSupergraph(sdl: string) {
    writeFileSync(`${file}.next`, sdl);
    renameSync(`${file}.next`, file);
  }

  async function play(): Promise<string | undefined> {
    try {
      const response = await fetch(`${stack.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-country': 'US' },
        body: JSON.stringify({ query: PLAY, variables: { input: INPUT } }),
        signal: AbortSignal.timeout(5_000),
      });
      const json = (await response.json()) as GraphQLResponse;
      const session = json.data?.play as { decision: { reason: string } } | undefined;
      return response.status === 200 && session?.decision.reason === 'GRANTED' && !json.errors
        ? undefined
        : `HTTP ${response.status}: ${JSON.stringify(json).slice(0, 300)}`;
    } catch (error) {
      return String(error);
    }
  }

  /** `Query`'s fields and their descriptions, as introspection tells a client. */
  async function queryFields(): Promise<{ name: string; description: string | null }[]> {
    const { json } = await stack.graphql(
      { query: '{ __type(name: "Query") { fields { name description } } }' },
      { authorization: `Bearer ${token}` },
    );
    const type = json.data?.__type as { fields: { name: string; description: string | null }[] } | undefined;
    if (!type) throw new Error(`introspection failed: ${JSON.stringify(json)}`);
    return type.fields;
  }

  async function variantServed(): Promise<boolean> {
    return (await queryFields()).some((field) => field.description?.includes(PROBE_MARKER));
  }

  async function servedHash(): Promise<string> {
    const response = await fetch(`${stack.gatewayUrl}/health/ready`);
    return ((await response.json()) as { supergraph: { hash: string } }).supergraph.hash;
  }

  async function updates(outcome: 'applied' | 'refused'): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${stack.env.ADMIN_PORT}/metrics`)).text();
    const line = text
      .split('\n')
      .find((candidate) => candidate.startsWith(`gateway_supergraph_updates_total{outcome="${outcome}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  /** Polls until `served` holds; resolves with how long it took, or throws after REACTION_MS. */
  async function servedWithin(served: () => Promise<boolean>): Promise<number> {
    const started = Date.now();
    while (!(await served())) {
      if (Date.now() - started > REACTION_MS) throw new Error(`not served within ${REACTION_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return Date.now() - started;
  }

  it('serves each new supergraph within five seconds and fails no play while swapping ten times', async () => {
    expect(await play()).toBeUndefined();
    expect(await servedHash()).toBe(hashOf(original));
    const failures: string[] = [];
    let plays = 0;
    let running = true;
    const device = async () => {
      while (running) {
        const problem = await play();
        plays += 1;
        if (problem) failures.push(problem);
      }
    };
    const devices = Array.from({ length: CLIENTS }, device);
    const reactions: number[] = [];
    try {
      for (let swap = 0; swap < SWAPS; swap += 1) {
        const next = swap % 2 === 0 ? variant : original;
        replaceSupergraph(next);
        reactions.push(
          await servedWithin(
            async () =>
              (await servedHash()) === hashOf(next) && (await variantServed()) === (next === variant),
          ),
        );
        // Devices play on each supergraph for a moment before the next change.
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    } finally {
      running = false;
      await Promise.all(devices);
    }
    console.log(
      `plays: ${plays}, failed: ${failures.length}; change served after (ms): ${reactions.join(', ')}`,
    );
    expect(failures).toEqual([]);
    expect(plays).toBeGreaterThan(CLIENTS * SWAPS);
    expect(await updates('applied')).toBe(SWAPS);
  }, 120_000);

  it('refuses a file of garbage, counts it, and keeps serving the supergraph it had', async () => {
    const before = await servedHash();
    const refused = await updates('refused');
    replaceSupergraph('this is not { a supergraph');
    await servedWithin(async () => (await updates('refused')) === refused + 1);
    expect(await servedHash()).toBe(before);
    expect(await play()).toBeUndefined();
    expect(await variantServed()).toBe(false);
    replaceSupergraph(original);
  }, 30_000);
});

/**
 * `npm run bench:decisions`: what recording every play decision costs (gateway/src/decisions/), as
 * CPU per `play` summed over every service: the whole graph runs in this one process
 * (test/support/inProcessStack.ts), twice, once recording decisions to a store and once not
 * (DECISION_STORE=off: no evidence asked for, built, carried or written), in interleaved rounds of
 * the same plays. A round's CPU runs until the recorder's last write of it is done. Numbers go into
 * docs/benchmarks.md by hand, with the machine they came from.
 *
 * Options: --plays N (per round, default 3000), --rounds N (pairs of rounds, default 8),
 * --concurrency N (default 20), --store <DECISION_STORE> (default a temporary directory;
 * `mongodb://…` for MongoDB)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDecisionStore } from '@platform/decisions/stores';
import { startInProcessStack, type InProcessStack } from '../test/support/inProcessStack';
import { Seed } from '../test/support/seed';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}

const plays = Number(option('plays', '3000'));
const rounds = Number(option('rounds', '8'));
const concurrency = Number(option('concurrency', '20'));
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-decisions-'));
const storeSpec = option('store', path.join(dir, 'decisions'));

const PLAY = readFileSync(path.resolve(__dirname, '../clients/operations/Play.graphql'), 'utf8');
const TIERS = ['BASIC', 'STANDARD', 'PREMIUM'] as const;
const TV = {
  id: 'tv',
  type: 'TV',
  codecs: ['H264', 'HEVC'],
  maxHeight: 2160,
  hdr: ['HDR10'],
  drm: ['WIDEVINE'],
};
const OLD_BOX = { id: 'box', type: 'TV', codecs: ['VP9'], maxHeight: 720, hdr: [], drm: ['WIDEVINE'] };

/** 60 accounts on the three tiers (a sixth without a plan), 120 titles across the tiers. */
function seed(): Seed {
  const built = new Seed();
  for (let account = 0; account < 60; account += 1) {
    const id = `u-${account}`;
    if (account % 6 === 5) built.account(id);
    else built.subscriber(id, TIERS[account % 3]!);
    built.profile(`p-${account}`, id, { maxMaturity: account % 4 === 0 ? 13 : 18 });
  }
  for (let title = 0; title < 120; title += 1) {
    built.title(`t-${title}`, {
      subscriptionTier: TIERS[title % 3]!,
      maturityRating: title % 5 === 0 ? 16 : 7,
    });
  }
  return built;
}

/** The n-th play of a round: grants and every kind of refusal, as a catalogue's traffic has them. */
function playOf(n: number) {
  const account = (n * 7) % 60;
  return {
    account,
    input: { titleId: `t-${(n * 13) % 120}`, profileId: `p-${account}`, device: n % 10 === 9 ? OLD_BOX : TV },
  };
}

async function round(stack: InProcessStack, tokens: string[], recording: boolean): Promise<number> {
  const started = process.cpuUsage();
  let next = 0;
  const reasons = new Map<string, number>();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < plays) {
        const { account, input } = playOf(next++);
        const { json } = await stack.graphql(
          { query: PLAY, variables: { input } },
          { authorization: `Bearer ${tokens[account]}`, 'x-country': 'US' },
        );
        const reason = (json.data as { play?: { decision: { reason: string } } } | null)?.play?.decision
          .reason;
        reasons.set(reason ?? 'error', (reasons.get(reason ?? 'error') ?? 0) + 1);
      }
    }),
  );
  // The recorder writes every 50 ms: its last write of this round belongs to this round.
  if (recording) await new Promise((resolve) => setTimeout(resolve, 150));
  if (reasons.has('error') || reasons.has('TEMPORARILY_UNAVAILABLE')) {
    throw new Error(`plays failed: ${JSON.stringify(Object.fromEntries(reasons))}`);
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / plays;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const store = openDecisionStore(storeSpec);
  if (!store) throw new Error('--store off measures nothing');
  const recording = await startInProcessStack(seed(), { decisions: store });
  const silent = await startInProcessStack(seed());
  try {
    const tokens = await Promise.all(Array.from({ length: 60 }, (_, n) => recording.tokenFor(`u-${n}`)));
    const silentTokens = await Promise.all(Array.from({ length: 60 }, (_, n) => silent.tokenFor(`u-${n}`)));
    // Warm-up: JIT, connection pools, the profiles' and titles' caches.
    await round(recording, tokens, true);
    await round(silent, silentTokens, false);
    const on: number[] = [];
    const off: number[] = [];
    for (let pair = 0; pair < rounds; pair += 1) {
      // Alternating which goes first, so that neither always follows the other's garbage.
      const order = pair % 2 === 0 ? [true, false] : [false, true];
      for (const recordingRound of order) {
        if (recordingRound) on.push(await round(recording, tokens, true));
        else off.push(await round(silent, silentTokens, false));
      }
    }
    const differences = on.map((value, index) => value - off[index]!);
    const fixed = (value: number) => value.toFixed(1).padStart(8);
    console.log(
      `store: ${storeSpec.startsWith('mongodb') ? 'mongodb' : 'directory'}; ${rounds} pairs of ${plays} plays at ${concurrency} at once`,
    );
    console.log('round   recording µs/play   off µs/play   difference');
    on.forEach((value, index) =>
      console.log(
        `${String(index + 1).padStart(5)}   ${fixed(value)}          ${fixed(off[index]!)}      ${fixed(differences[index]!)}`,
      ),
    );
    console.log(
      `median: recording ${median(on).toFixed(1)} µs, off ${median(off).toFixed(1)} µs, difference ${median(differences).toFixed(1)} µs per play (min ${Math.min(...differences).toFixed(1)}, max ${Math.max(...differences).toFixed(1)})`,
    );
  } finally {
    await recording.stop();
    await silent.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

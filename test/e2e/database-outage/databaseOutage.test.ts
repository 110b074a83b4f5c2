/**
 * MongoDB goes away under traffic, with real processes: a FerretDB of the test's own is killed while
 * `play` and `endPlayback` run. Plays seen before keep being granted (from the subgraphs' caches and
 * the gateway's fallbacks), plays never seen get TEMPORARILY_UNAVAILABLE and never a grant, and
 * `endPlayback` keeps answering. Both playback replicas are restarted while the database is still
 * down; when it returns, every history write made during the outage is in `watchHistory` exactly once.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { openMongoStore } from '@platform/mongo/client';
import { collection } from '@platform/mongo/collections';
import { createFerretDb, type FerretDb } from '@testing/ferretdb';
import { describeWith, ferretDbBinary } from '@testing/servers';
import { Seed } from '@testing/seed';
import { startTestStack, type GraphQLResponse, type TestStack } from '@testing/stack';

const PLAY = `query Play($input: PlayInput!) {
  play(input: $input) { decision { allowed reason } manifest { jws } }
}`;
const END_PLAYBACK = `mutation End($input: EndPlaybackInput!) { endPlayback(input: $input) { accepted } }`;
const CONTINUE_WATCHING = `{ me { profiles { id continueWatching { title { id } positionSeconds } } } }`;
const TV = { id: 'tv', type: 'TV', codecs: ['H264', 'HEVC'], maxHeight: 2160, drm: ['WIDEVINE'] };

const ACCOUNTS = 3;
const TITLES = 4;
const seed = new Seed()
  .cdn('cdn-global')
  .subscriber('acct-unseen', 'PREMIUM')
  .profile('prof-unseen', 'acct-unseen');
for (let account = 0; account < ACCOUNTS; account++) {
  seed.subscriber(`acct-${account}`, 'PREMIUM').profile(`prof-${account}`, `acct-${account}`);
}
for (let title = 0; title < TITLES; title++) seed.title(`t-${title}`);
seed.title('t-unseen');

interface Viewing {
  account: string;
  profileId: string;
  titleId: string;
}

/** Every account and title pair: played while all is well, so each has cached data everywhere. */
const SEEN: Viewing[] = Array.from({ length: ACCOUNTS * TITLES }, (_, index) => ({
  account: `acct-${index % ACCOUNTS}`,
  profileId: `prof-${index % ACCOUNTS}`,
  titleId: `t-${Math.floor(index / ACCOUNTS)}`,
}));
/** Nothing about these was ever read: no cache can decide them. */
const UNSEEN: Viewing[] = [
  { account: 'acct-unseen', profileId: 'prof-unseen', titleId: 't-0' },
  { account: 'acct-0', profileId: 'prof-0', titleId: 't-unseen' },
];

describeWith(['mongodb', 'ferretdb'], 'a database outage', () => {
  let ferret: FerretDb;
  let stack: TestStack;
  let databaseUri: string;
  let journalDir: string;

  beforeAll(async () => {
    ferret = await createFerretDb(ferretDbBinary()!);
    stack = await startTestStack(
      seed,
      {
        MONGODB_URI: ferret.uri,
        // Fail database reads fast, so a request falls back well inside the gateway's deadline.
        MONGODB_TIMEOUT_MS: '400',
        READ_DEADLINE_MS: '400',
        HISTORY_CACHE_FRESH_SECONDS: '1',
        CIRCUIT_HALF_OPEN_MS: '1000',
        LOG_LEVEL: 'error',
      },
      (env) => {
        databaseUri = env.MONGODB_URI!;
        journalDir = env.JOURNAL_DIR!;
      },
    );
  }, 120_000);

  afterAll(async () => {
    await ferret?.start().catch(() => undefined);
    await stack?.stop();
    await ferret?.dispose();
  }, 60_000);

  const headersFor = async (account: string) => ({
    authorization: `Bearer ${await stack.tokenFor(account)}`,
    'x-country': 'US',
  });

  async function play({ account, profileId, titleId }: Viewing) {
    const { json } = await stack.graphql(
      { query: PLAY, variables: { input: { titleId, profileId, device: TV } } },
      await headersFor(account),
    );
    const played = (
      json.data as {
        play?: { decision: { allowed: boolean; reason: string }; manifest: { jws: string } | null };
      } | null
    )?.play;
    return {
      reason: played?.decision.reason,
      allowed: played?.decision.allowed,
      jws: played?.manifest?.jws,
      json,
    };
  }

  async function endPlayback(
    account: string,
    manifest: string,
    positionSeconds: number,
  ): Promise<GraphQLResponse> {
    const started = performance.now();
    const { json } = await stack.graphql(
      { query: END_PLAYBACK, variables: { input: { manifest, positionSeconds, completed: false } } },
      await headersFor(account),
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    return json;
  }

  it('grants seen plays, refuses unseen ones, keeps accepting endPlayback through restarts, and loses no write', async () => {
    const manifests = new Map<Viewing, string>();
    for (const viewing of SEEN) {
      const played = await play(viewing);
      expect(played.reason).toBe('GRANTED');
      manifests.set(viewing, played.jws!);
    }

    // Traffic runs while the database dies.
    let traffic = true;
    const duringKill: { reason: string | undefined }[] = [];
    const background = (async () => {
      for (let index = 0; traffic; index++) duringKill.push(await play(SEEN[index % SEEN.length]!));
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await ferret.kill();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    traffic = false;
    await background;
    expect(duringKill.length).toBeGreaterThan(0);
    expect(duringKill.filter((played) => played.reason !== 'GRANTED')).toEqual([]);

    /** What each outage write should leave: the last position per viewing. */
    const written = new Map<Viewing, number>();
    const outageRound = async (viewings: Viewing[], round: number) => {
      for (const viewing of viewings) {
        const seen = await play(viewing);
        expect(seen.reason).toBe('GRANTED');
        expect(seen.jws).toEqual(expect.any(String));
        const positionSeconds = 100 * round + SEEN.indexOf(viewing);
        const ended = await endPlayback(
          viewing.account,
          seen.jws ?? manifests.get(viewing)!,
          positionSeconds,
        );
        expect(ended.errors).toBeUndefined();
        expect(ended.data).toEqual({ endPlayback: { accepted: true } });
        written.set(viewing, positionSeconds);
      }
      for (const viewing of UNSEEN) {
        const unseen = await play(viewing);
        expect(unseen.allowed).not.toBe(true);
        expect(unseen.reason).toBe('TEMPORARILY_UNAVAILABLE');
        expect(unseen.jws).toBeUndefined();
      }
    };

    await outageRound(SEEN.slice(0, 6), 1);
    // The same session ended twice: still one entry, the later position.
    await outageRound(SEEN.slice(0, 2), 2);
    await stack.restart('playback');
    await stack.restart('playback-2');
    await outageRound(SEEN.slice(6), 3);

    await ferret.start();

    const store = openMongoStore(databaseUri, { timeoutMs: 5_000 });
    try {
      const history = collection(store.db, 'watchHistory');
      const deadline = Date.now() + 30_000;
      let documents = await history.find({}).toArray();
      while (documents.length < written.size && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        documents = await history.find({}).toArray();
      }
      const stored = documents.map((document) => [
        document.profileId,
        document.titleId,
        document.positionSeconds,
      ]);
      const expected = [...written].map(([viewing, positionSeconds]) => [
        viewing.profileId,
        viewing.titleId,
        positionSeconds,
      ]);
      const order = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();
      expect(order(stored)).toEqual(order(expected));
    } finally {
      await store.close();
    }

    // Drained journals are emptied.
    const deadline = Date.now() + 10_000;
    const journalBytes = () =>
      readdirSync(journalDir)
        .filter((file) => file.endsWith('.jsonl'))
        .reduce((total, file) => total + statSync(path.join(journalDir, file)).size, 0);
    while (journalBytes() > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(journalBytes()).toBe(0);

    // And the viewers see it: each profile's row holds each of its titles once.
    for (let account = 0; account < ACCOUNTS; account++) {
      let titles: string[] = [];
      const until = Date.now() + 15_000;
      while (Date.now() < until) {
        const { json } = await stack.graphql(
          { query: CONTINUE_WATCHING },
          await headersFor(`acct-${account}`),
        );
        const profiles = (
          json.data as { me: { profiles: { continueWatching: { title: { id: string } }[] }[] } } | null
        )?.me.profiles;
        titles = profiles?.[0]?.continueWatching.map((item) => item.title.id) ?? [];
        if (titles.length === TITLES && !json.extensions?.degraded) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect([...titles].sort()).toEqual(Array.from({ length: TITLES }, (_, title) => `t-${title}`));
    }
  }, 120_000);
});

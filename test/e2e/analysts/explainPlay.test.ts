/**
 * `explainPlay` tells the same story as `play`: the real processes of `npm start` on the demo dataset,
 * every account with each of its profiles (and one profile of another account), every title and five
 * device classes, asked once as the viewer would (`play`, the viewer's token, the account's country
 * from the edge) and once as an analyst would (`explainPlay`). The decisions must be identical, the
 * rules must agree with them, and a grant's manifest must carry exactly the encodings the DEVICE rule
 * kept. Also the role checks both ways, through the real gateway.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { REFUSAL_REASONS } from '@contracts/decision';
import { loadDataset } from '@platform/dataset/load';
import { Seed } from '@testing/seed';
import { startTestStack, type TestStack } from '@testing/stack';

const EXPLAIN = readFileSync(path.join(__dirname, '../../../clients/analyst/ExplainPlay.graphql'), 'utf8');
const PLAY = `query Play($input: PlayInput!) {
  play(input: $input) {
    decision { allowed reason message prompt { action offers { type tier priceCents currency rentalHours } } }
    manifest { jws }
  }
}`;

/** One device per class, between them every codec, height, HDR and DRM situation of the ladder. */
const DEVICES = [
  {
    id: 'tv',
    type: 'TV',
    codecs: ['H264', 'HEVC'],
    maxHeight: 2160,
    hdr: ['HDR10', 'DOLBY_VISION'],
    drm: ['WIDEVINE'],
  },
  { id: 'phone', type: 'MOBILE', codecs: ['H264', 'HEVC'], maxHeight: 1080, hdr: [], drm: ['FAIRPLAY'] },
  { id: 'tablet', type: 'TABLET', codecs: ['AV1'], maxHeight: 1080, hdr: [], drm: ['WIDEVINE'] },
  { id: 'browser', type: 'WEB', codecs: ['H264', 'VP9'], maxHeight: 1080, hdr: [], drm: [] },
  {
    id: 'console',
    type: 'CONSOLE',
    codecs: ['H264', 'HEVC', 'AV1'],
    maxHeight: 2160,
    hdr: ['HDR10'],
    drm: ['PLAYREADY'],
  },
] as const;

interface Decision {
  allowed: boolean;
  reason: string;
  message: string;
  prompt: unknown;
}
interface Rule {
  rule: string;
  outcome: 'PASSED' | 'FAILED' | 'NOT_REACHED';
  evidence: string[];
}

const dataset = loadDataset();
let stack: TestStack;
let analyst: string;

beforeAll(async () => {
  // This suite is about equivalence, not resilience: deadlines long enough that a busy machine never
  // turns a decision into the TEMPORARILY_UNAVAILABLE fallback.
  stack = await startTestStack(Seed.of(dataset), {
    SUBGRAPH_TIMEOUT_MS: '10000',
    SUBGRAPH_ATTEMPT_TIMEOUT_MS: '5000',
  });
  analyst = await stack.tokenFor('ana', ['analyst']);
}, 120_000);

afterAll(() => stack?.stop());

async function graphql(token: string, query: string, variables: unknown, country?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (country) headers['x-country'] = country;
  return stack.graphql({ query, variables }, headers);
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function inBatches<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  for (let start = 0; start < items.length; start += concurrency) {
    await Promise.all(items.slice(start, start + concurrency).map(work));
  }
}

it('explains every decision of the demo dataset exactly as play makes it', async () => {
  const cases = dataset.users.flatMap((user) => {
    const own = dataset.profiles.filter((profile) => profile.userId === user.id);
    const foreign = dataset.profiles.find((profile) => profile.userId !== user.id)!;
    return [
      ...own.flatMap((profile) =>
        dataset.titles.flatMap((title) => DEVICES.map((device) => ({ user, profile, title, device }))),
      ),
      ...dataset.titles.map((title) => ({ user, profile: foreign, title, device: DEVICES[0] })),
    ];
  });
  const tokens = new Map(
    await Promise.all(dataset.users.map(async (user) => [user.id, await stack.tokenFor(user.id)] as const)),
  );
  const reasons = new Map<string, number>();

  await inBatches(cases, 8, async ({ user, profile, title, device }) => {
    const input = { titleId: title.id, profileId: profile.id, device };
    const [played, explained] = await Promise.all([
      graphql(tokens.get(user.id)!, PLAY, { input }, user.country),
      graphql(analyst, EXPLAIN, { input: { ...input, accountId: user.id, country: user.country } }),
    ]);
    const label = `${user.id} ${profile.id} ${title.id} ${device.id}`;
    expect({ label, errors: played.json.errors ?? explained.json.errors }).toEqual({
      label,
      errors: undefined,
    });
    const play = (played.json.data as { play: { decision: Decision; manifest: { jws: string } | null } })
      .play;
    const explanation = (explained.json.data as { explainPlay: { decision: Decision; rules: Rule[] } })
      .explainPlay;

    expect({ label, decision: explanation.decision }).toEqual({ label, decision: play.decision });
    reasons.set(play.decision.reason, (reasons.get(play.decision.reason) ?? 0) + 1);

    const failed = explanation.rules.filter((rule) => rule.outcome === 'FAILED');
    // The order analysts read them in, and the order they run in: the first failure decides.
    expect(explanation.rules.map((rule) => rule.rule)).toEqual([
      'TITLE_EXISTS',
      'PROFILE_OF_ACCOUNT',
      'LICENSED_IN_COUNTRY',
      'LICENSE_WINDOW',
      'MATURITY',
      'ENTITLEMENT',
      'DEVICE',
    ]);
    expect(failed.length).toBe(play.decision.allowed ? 0 : 1);
    if (play.manifest) {
      const variants = (decodeJwt(play.manifest.jws).variants as { id: string }[]).map(
        (variant) => variant.id,
      );
      const kept = explanation.rules
        .find((rule) => rule.rule === 'DEVICE')!
        .evidence.filter((line) => line.startsWith('Kept'))
        .flatMap((line) => line.slice(line.indexOf(': ') + 2, -1).split(', '));
      expect({ label, kept: kept.sort() }).toEqual({ label, kept: [...variants].sort() });
    }
  });

  // The dataset covers the decision: every title asked about exists, so every reason but
  // TITLE_NOT_FOUND and the failure fallback came up.
  const possible = REFUSAL_REASONS.filter((reason) => reason !== 'TITLE_NOT_FOUND');
  expect([...reasons.keys()].sort()).toEqual(['GRANTED', ...possible, 'DEVICE_UNSUPPORTED'].sort());
}, 300_000);

it('names the failed rule and its facts: a kids profile refused a title above its limit', async () => {
  const kids = dataset.profiles.find((profile) => profile.maxMaturity < 18)!;
  const title = dataset.titles.find(
    (candidate) => candidate.maturityRating > kids.maxMaturity && !candidate.countries?.length,
  )!;
  const { json } = await graphql(analyst, EXPLAIN, {
    input: {
      accountId: kids.userId,
      profileId: kids.id,
      titleId: title.id,
      country: 'us',
      device: DEVICES[0],
    },
  });
  const { explainPlay } = json.data as {
    explainPlay: { country: string; decision: Decision; rules: Rule[] };
  };
  expect(explainPlay.country).toBe('US');
  expect(explainPlay.decision.reason).toBe('MATURITY_RESTRICTED');
  expect(explainPlay.rules.map((rule) => [rule.rule, rule.outcome])).toEqual([
    ['TITLE_EXISTS', 'PASSED'],
    ['PROFILE_OF_ACCOUNT', 'PASSED'],
    ['LICENSED_IN_COUNTRY', 'PASSED'],
    ['LICENSE_WINDOW', 'PASSED'],
    ['MATURITY', 'FAILED'],
    ['ENTITLEMENT', 'NOT_REACHED'],
    ['DEVICE', 'NOT_REACHED'],
  ]);
  expect(explainPlay.rules[4]!.evidence).toEqual([
    `The title is rated ${title.maturityRating}.`,
    `Profile ${kids.id} plays titles rated up to ${kids.maxMaturity}.`,
  ]);
});

it('judges licence windows and rentals at the instant asked about', async () => {
  const windowed = dataset.titles.find((title) => title.windowEnd !== null)!;
  const premium = dataset.profiles.find((profile) => profile.userId === 'u-premium')!;
  const explainAt = async (at: string) => {
    const { json } = await graphql(analyst, EXPLAIN, {
      input: {
        accountId: 'u-premium',
        profileId: premium.id,
        titleId: windowed.id,
        country: windowed.countries?.[0] ?? 'US',
        device: DEVICES[0],
        at,
      },
    });
    return (json.data as { explainPlay: { at: string; rules: Rule[] } }).explainPlay;
  };
  const after = await explainAt(windowed.windowEnd!);
  expect(after.at).toBe(new Date(windowed.windowEnd!).toISOString());
  // The end of a window is exclusive: at its very instant the title is no longer licensed.
  expect(after.rules.find((rule) => rule.rule === 'LICENSE_WINDOW')!.outcome).toBe('FAILED');
});

describe('roles', () => {
  it('refuses explainPlay and account to a viewer with FORBIDDEN, before anything runs', async () => {
    const viewer = await stack.tokenFor('u-premium');
    for (const query of [
      '{ explainPlay(input: {accountId: "u-basic", profileId: "p-basic", titleId: "t-basic-drama", country: "US", device: {id: "d", type: TV, codecs: [H264], maxHeight: 1080, drm: [WIDEVINE]}}) { decision { reason } } }',
      '{ account(id: "u-basic") { profiles { id } } }',
    ]) {
      const { status, json } = await graphql(viewer, query, {});
      expect(status).toBe(403);
      expect(json.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(json.errors?.[0]?.message).toMatch(/needs the analyst role/);
      expect(json.data).toBeUndefined();
    }
  });

  it('refuses play and endPlayback to an analyst: analysts get no manifests', async () => {
    const play = await graphql(analyst, PLAY, {
      input: { titleId: 't-basic-drama', profileId: 'p-premium-adult', device: DEVICES[0] },
    });
    expect(play.status).toBe(403);
    expect(play.json.errors?.[0]?.message).toMatch(/`Query.play` needs the viewer role/);
    const end = await graphql(
      analyst,
      'mutation { endPlayback(input: {manifest: "x", positionSeconds: 1, completed: false}) { accepted } }',
      {},
    );
    expect(end.status).toBe(403);
    expect(end.json.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("lets an analyst read any account's profiles", async () => {
    const { status, json } = await graphql(
      analyst,
      '{ account(id: "u-premium") { id profiles { id } } }',
      {},
    );
    expect(json).toEqual({
      data: {
        account: {
          id: 'u-premium',
          profiles: dataset.profiles.filter((p) => p.userId === 'u-premium').map((p) => ({ id: p.id })),
        },
      },
    });
    expect(status).toBe(200);
  });
});

describe('which path ran (x-debug)', () => {
  const EXPLAIN_VARIABLES = {
    input: {
      accountId: 'u-premium',
      profileId: 'p-premium-adult',
      titleId: 't-basic-drama',
      country: 'US',
      device: DEVICES[0],
    },
  };

  it('gives an analyst the query plan and every subgraph fetch with its replica, attempts and outcome', async () => {
    const ask = async () => {
      const { json } = await stack.graphql(
        { query: EXPLAIN, variables: EXPLAIN_VARIABLES },
        { authorization: `Bearer ${analyst}`, 'x-debug': 'plan, trace' },
      );
      return json.extensions as {
        queryPlan: string;
        trace: {
          subgraph: string;
          path: string;
          replica: string | null;
          attempts: number;
          durationMs: number;
          outcome: string;
        }[];
      };
    };
    // The second time, the title's public fields come from the gateway's entity cache.
    await ask();
    const extensions = await ask();
    expect(extensions.queryPlan).toMatch(/^QueryPlan \{/);
    expect(extensions.queryPlan).toContain('Fetch(service: "entitlements")');
    const bySubgraph = (name: string) => extensions.trace.filter((fetch) => fetch.subgraph === name);
    expect(bySubgraph('catalog')).toEqual([
      {
        subgraph: 'catalog',
        path: 'explainPlay.title',
        replica: null,
        attempts: 0,
        durationMs: expect.any(Number),
        outcome: 'cached',
      },
    ]);
    const sent = extensions.trace.filter((fetch) => fetch.subgraph !== 'catalog');
    expect([...new Set(sent.map((fetch) => fetch.subgraph))].sort()).toEqual([
      'entitlements',
      'playback',
      'profiles',
    ]);
    for (const fetch of sent) {
      expect(fetch.outcome).toBe('fresh');
      expect(fetch.attempts).toBeGreaterThanOrEqual(1);
      expect(fetch.replica).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      expect(fetch.durationMs).toBeGreaterThan(0);
    }
    expect(bySubgraph('playback').map((fetch) => fetch.path)).toEqual(['', 'explainPlay']);
  });

  it('gives a viewer neither, whatever it sends', async () => {
    const viewer = await stack.tokenFor('u-premium');
    const { json } = await stack.graphql(
      {
        query: PLAY,
        variables: { input: { titleId: 't-basic-drama', profileId: 'p-premium-adult', device: DEVICES[0] } },
      },
      {
        authorization: `Bearer ${viewer}`,
        'x-country': 'US',
        'x-debug': 'plan,trace',
        'apollo-query-plan-experimental': '1',
      },
    );
    expect((json.data as { play: { decision: Decision } }).play.decision.reason).toBe('GRANTED');
    expect(json.extensions).toBeUndefined();
  });
});

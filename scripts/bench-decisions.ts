/**
 * `npm run bench:decisions`: what recording every decision costs a `play` (gateway/src/decisions/),
 * step by step, each measured on its own in this process as the services run it, with a granted
 * `play` of a 4K title (every rule evaluated, seven encodings judged): the extra work of each step
 * when the gateway records (`x-decision-evidence: on`) over when it does not. Each step is measured
 * hot and alone, so the total is a floor: `npm run bench:decisions:stack` measures recording on the
 * whole stack, where it costs several times more. Numbers go into docs/benchmarks.md by hand, with
 * the machine they came from.
 *
 * Options: --iterations N (default 200000), --store <DECISION_STORE> (default a temporary
 * directory; `mongodb://…` for MongoDB), --batch N (records per write, default 1000; the gateway
 * writes what a second of plays recorded)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { PLAY_DECISIONS_EXTENSION, type RecordedRule } from '@contracts/decisionNotes';
import { RuleTrace } from '@contracts/ruleChecks';
import { API_SCHEMA_PATH } from '@platform/composition';
import type { DecisionRecord } from '@platform/decisions/record';
import { openDecisionStore } from '@platform/decisions/stores';
import { createLogger } from '@platform/log';
import { decideEntitlement, type DecisionInput } from '../subgraphs/entitlements/src/decision/decide';
import { planPlayback, type PlaybackPlanInput } from '../subgraphs/playback/src/manifest/plan';
import { decisionEvidenceStage } from '../gateway/src/decisions/evidence';
import { decisionRecordPlugin } from '../gateway/src/decisions/plugin';
import { DecisionRecorder } from '../gateway/src/decisions/recorder';
import type { GatewayContext } from '../gateway/src/request/context';
import { newFallbackState } from '../gateway/src/request/degraded';
import { STANDARD_LADDER } from '../test/support/seed';
import { subgraphFetch } from '../test/support/subgraphFetch';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}

const iterations = Number(option('iterations', '200000'));
/** Records per write: a flush's worth (the gateway flushes once a second, DECISION_FLUSH_MS). */
const batchSize = Number(option('batch', '1000'));
if (!(batchSize >= 1)) throw new Error('--batch is a number of records');
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-decisions-'));
const storeSpec = option('store', path.join(dir, 'decisions'));

/** CPU microseconds per call of `work`, after a tenth as many calls to warm it up. */
async function perCall(work: (index: number) => unknown, calls = iterations): Promise<number> {
  for (let index = 0; index < calls / 10; index += 1) await work(index);
  const started = process.cpuUsage();
  for (let index = 0; index < calls; index += 1) await work(index);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / calls;
}

const entitlementInput: DecisionInput = {
  now: new Date('2026-12-07T21:04:00Z'),
  accountId: 'u-premium',
  country: 'CA',
  title: {
    id: 't-premium-4k',
    maturityRating: 13,
    countries: ['CA', 'US', 'GB', 'FR', 'DE'],
    windowStart: '2024-01-01T00:00:00Z',
    windowEnd: '2099-01-01T00:00:00Z',
    subscriptionTier: 'PREMIUM',
    rental: { priceCents: 499, currency: 'USD', hours: 48 },
    purchase: { priceCents: 1499, currency: 'USD' },
  },
  profile: { id: 'p-premium', accountId: 'u-premium', maxMaturity: 18 },
  subscription: { tier: 'PREMIUM', status: 'ACTIVE', validUntil: '2099-01-01T00:00:00Z' },
  entitlements: [],
};

const planInput: PlaybackPlanInput = {
  encodings: STANDARD_LADDER,
  drmRequired: true,
  device: {
    id: 'tv',
    type: 'TV',
    codecs: ['H264', 'HEVC'],
    maxHeight: 2160,
    hdr: ['HDR10'],
    drm: ['WIDEVINE'],
  },
  heightCap: 2160,
  licenseBaseUrl: 'https://license.example.net/v1',
  sessionId: '5f0c6a1e-4b8e-4f57-9d43-2a8f7b0f1c11',
};

async function main(): Promise<void> {
  const rows: { step: string; 'µs per play': number }[] = [];
  const row = (step: string, micros: number) => rows.push({ step, 'µs per play': Number(micros.toFixed(2)) });

  // Entitlements: the rules' evidence, written while the decision runs.
  const entitlementRules = new RuleTrace().recorded('ENTITLEMENT');
  let rules: RecordedRule[] = entitlementRules;
  const withTrace = await perCall(() => {
    const trace = new RuleTrace();
    decideEntitlement(entitlementInput, trace);
    rules = trace.recorded('ENTITLEMENT');
  });
  const without = await perCall(() => decideEntitlement(entitlementInput));
  row('entitlements: the rules with their evidence', withTrace - without);

  // The evidence on the wire: entitlements writes it and the gateway reads it (which keeps it:
  // playback is sent the entitlement without its rules).
  const json = JSON.stringify(rules);
  row(
    'the evidence in JSON: written by entitlements, read by the gateway',
    await perCall(() => JSON.parse(JSON.stringify(rules))),
  );

  // Playback: the device rule's evidence (one sentence per cause), and its note.
  const planned = await perCall(() => {
    const trace = new RuleTrace();
    planPlayback(planInput, trace);
    return { sessionId: planInput.sessionId, device: trace.recorded('DEVICE').at(-1) };
  });
  row(
    'playback: the device rule with its evidence, the note',
    planned - (await perCall(() => planPlayback(planInput))),
  );

  // The gateway: the evidence stage on playback's fetch, then the plugin that builds the record.
  const device = new RuleTrace().recorded('DEVICE').at(-1)!;
  const answer = {
    data: { _entities: [{ decision: { allowed: true } }] },
    extensions: {
      [PLAY_DECISIONS_EXTENSION]: [{ playSessionId: 'ps-1', sessionId: planInput.sessionId, device }],
    },
  };
  const representations = [{ __typename: 'PlaySession', id: 'ps-1', entitlement: { allowed: true, rules } }];
  const fetchQuery =
    'query($representations:[_Any!]!){_entities(representations:$representations){...on PlaySession{decision{allowed}}}}';
  const staged = decisionEvidenceStage(async () => ({ ...answer }));
  const sent = async () => ({ ...answer });
  // One fetch, as the data source builds it once per fetch; the request's sink is new each time.
  const fetch = subgraphFetch('playback', fetchQuery, { variables: { representations } });
  const stageCost =
    (await perCall(() => staged({ ...fetch, evidence: new Map() }))) - (await perCall(() => sent()));
  row('gateway: the evidence stage on playback’s fetch', stageCost);

  const store = openDecisionStore(storeSpec);
  if (!store) throw new Error('--store off measures nothing');
  // The buffer's push is the recorder's whole part in the request; its writes are measured below.
  const buffer: { last?: DecisionRecord } = {};
  const recorder = {
    recording: true,
    add: (record: DecisionRecord) => void (buffer.last = record),
  } as unknown as DecisionRecorder;
  const plugin = decisionRecordPlugin(recorder, createLogger('bench', 'silent')) as Required<
    ApolloServerPlugin<GatewayContext>
  >;
  const schema = buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));
  const document = parse(readFileSync(path.resolve(__dirname, '../clients/operations/Play.graphql'), 'utf8'));
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  const variables = { input: { titleId: 't-premium-4k', profileId: 'p-premium', device: planInput.device } };
  const data = {
    play: {
      id: 'ps-1',
      decision: { allowed: true, reason: 'GRANTED', message: 'Enjoy the show.', prompt: null },
    },
  };
  let records: DecisionRecord[] = [];
  const recordOne = async () => {
    const contextValue = {
      caller: { accountId: 'u-premium', country: 'CA', roles: ['viewer'] },
      fallback: newFallbackState(),
    } as unknown as GatewayContext;
    const hooks = (await plugin.requestDidStart({ contextValue } as never))!;
    await hooks.didResolveOperation!({ schema, operation, contextValue } as never);
    contextValue.playEvidence!.set('ps-1', {
      entitlementRules: rules,
      note: { sessionId: planInput.sessionId, device },
    });
    await hooks.willSendResponse!({
      response: { body: { kind: 'single', singleResult: { data } } },
      request: { variables },
      contextValue,
    } as never);
  };
  const bare = (plugin: ApolloServerPlugin<GatewayContext>) => async () => {
    const hooks = (await plugin.requestDidStart!({} as never))!;
    await hooks.didResolveOperation!({ schema, operation, contextValue: {} } as never);
    await hooks.willSendResponse!({ response: {}, request: {}, contextValue: {} } as never);
  };
  const emptyPlugin = await perCall(
    bare({
      async requestDidStart() {
        return { async didResolveOperation() {}, async willSendResponse() {} };
      },
    }),
    100_000,
  );
  const pluginCost = (await perCall(recordOne, 100_000)) - emptyPlugin;
  // Counted in full, though it includes this loop's own objects: an upper bound of what the hooks cost.
  row('gateway: Apollo calling three more plugin hooks (an empty plugin, with this loop)', emptyPlugin);
  row('gateway: the record built and buffered (the plugin, less an empty one)', pluginCost);

  // The write: a flush's records, per record.
  records = Array.from({ length: batchSize }, (_, index) => ({
    sessionId: `s-${index}`,
    at: new Date(Date.UTC(2026, 11, 7, 21, 4) + index).toISOString(),
    accountId: 'u-premium',
    profileId: 'p-premium',
    titleId: 't-premium-4k',
    country: 'CA',
    deviceType: 'TV',
    intent: 'PLAY',
    allowed: true,
    reason: 'GRANTED',
    rules: [...rules, device],
    degraded: [],
    traceId: null,
  }));
  let batch = 0;
  const flushes = storeSpec.startsWith('mongodb') ? 10 : 100;
  const written = await perCall(async () => {
    batch += 1;
    await store.add(records.map((record) => ({ ...record, sessionId: `${record.sessionId}-${batch}` })));
  }, flushes);
  row(
    `the write to the ${storeSpec.startsWith('mongodb') ? 'MongoDB' : 'directory'} store, per record (batches of ${batchSize})`,
    written / batchSize,
  );
  await store.close();

  const total = rows.reduce((sum, { 'µs per play': micros }) => sum + micros, 0);
  rows.push({ step: 'total', 'µs per play': Number(total.toFixed(2)) });
  console.log(
    `${iterations} iterations; the evidence of one granted play is ${json.length} bytes of JSON, a record ${JSON.stringify(records[0]).length}`,
  );
  console.table(rows);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

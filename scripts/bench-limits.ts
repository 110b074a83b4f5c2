/**
 * `npx tsx scripts/bench-limits.ts`: how fast, and with how much memory, the operation limits refuse the
 * 1,000-alias `play` request (150 KB) that held the gateway for 13 s, printed as a table.
 *
 * In process: Apollo Server and an ApolloGateway over schema/supergraph.graphql whose subgraphs only
 * count fetches, so what is measured is Apollo Server's HTTP handling, parsing and the limits. Each case
 * runs warm-up requests, then `--runs` timed ones (process.hrtime), one at a time. Heap: retained growth
 * after the timed runs and a forced GC, and heap used by one refusal before any GC can run.
 *
 * Options: --runs N (default 50), --baseline (also time one request with no limits: minutes of CPU).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { BaseContext } from '@apollo/server';
import { startCountingGateway, type CountingGateway } from '@testing/countingGateway';
import { PLAY_VARIABLES, playAliases } from '@testing/hostileOperations';
import { API_SCHEMA_PATH, SUPERGRAPH_PATH } from '@platform/composition';
import { buildSchema, getOperationAST, parse } from 'graphql';
import { estimateCost } from '../gateway/src/operationLimits/cost';
import { operationLimits } from '../gateway/src/operationLimits/operationLimits';
import {
  DEFAULT_OPERATION_LIMITS,
  type OperationLimitSettings,
} from '../gateway/src/operationLimits/settings';
import { measureOperation } from '../gateway/src/operationLimits/shape';
import { SubgraphJoins } from '../gateway/src/operationLimits/subgraphJoins';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function option(name: string, fallback: string): number {
  const index = process.argv.indexOf(`--${name}`);
  return Number(index >= 0 ? process.argv[index + 1] : fallback);
}

const runs = option('runs', '50');
const UNBOUNDED: Partial<OperationLimitSettings> = {
  maxTokens: 10_000_000,
  maxAliases: Infinity,
  maxDirectives: Infinity,
  maxDepth: Infinity,
  maxFields: Infinity,
  maxCost: Infinity,
};

interface Case {
  name: string;
  settings: Partial<OperationLimitSettings>;
  query: string;
  variables?: Record<string, unknown>;
}

const attack = playAliases(1_000);
/** The most aliases of play that fit in the default 2,000 tokens (29 tokens each): parsed and validated. */
const largestParsed = playAliases(68);
const play = readFileSync(path.resolve(__dirname, '../clients/operations/Play.graphql'), 'utf8');
const cases: Case[] = [
  { name: '1,000 aliases of play, default limits', settings: {}, query: attack, variables: PLAY_VARIABLES },
  {
    name: '1,000 aliases of play, only maxAliases',
    settings: { ...UNBOUNDED, maxAliases: 20 },
    query: attack,
    variables: PLAY_VARIABLES,
  },
  {
    name: '1,000 aliases of play, only maxCost',
    settings: { ...UNBOUNDED, maxCost: 1_000 },
    query: attack,
    variables: PLAY_VARIABLES,
  },
  {
    name: '68 aliases of play (1,983 tokens), default limits',
    settings: {},
    query: largestParsed,
    variables: PLAY_VARIABLES,
  },
  { name: 'one play (accepted), default limits', settings: {}, query: play, variables: PLAY_VARIABLES },
  { name: 'one play (accepted), no limits', settings: UNBOUNDED, query: play, variables: PLAY_VARIABLES },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(gateway: CountingGateway, { query, variables }: Case) {
  // Each request a document of its own, as an attacker would send, so that Apollo Server's cache of
  // parsed and validated documents never answers for the limits. A comment is not a token.
  let sent = 0;
  const send = () => gateway.post(`${query}\n# ${(sent += 1)}`, variables);
  for (let i = 0; i < 5; i += 1) await send();
  const first = await send();
  const callsBefore = gateway.subgraphCalls();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    await send();
    times.push(Number(process.hrtime.bigint() - started) / 1_000);
  }
  gc();
  const retained = process.memoryUsage().heapUsed - heapBefore;
  gc();
  const beforeOne = process.memoryUsage().heapUsed;
  await send();
  const oneRequest = process.memoryUsage().heapUsed - beforeOne;
  times.sort((a, b) => a - b);
  return {
    status: first.status,
    code: String(first.body.errors?.[0]?.extensions?.code ?? '-'),
    medianUs: percentile(times, 50),
    p95Us: percentile(times, 95),
    retainedKb: retained / 1024,
    oneRequestKb: oneRequest / 1024,
    subgraphCalls: (gateway.subgraphCalls() - callsBefore) / (runs + 1),
  };
}

/** Median time of measuring and costing one operation, outside Apollo Server. */
function limitsWorkUs(query: string): number {
  const schema = buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));
  const joins = SubgraphJoins.fromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  const document = parse(query);
  const operation = getOperationAST(document)!;
  const times: number[] = [];
  for (let i = 0; i < 2_000; i += 1) {
    const started = process.hrtime.bigint();
    measureOperation(document, operation);
    estimateCost({
      schema,
      joins,
      document,
      operation,
      variables: PLAY_VARIABLES,
      settings: DEFAULT_OPERATION_LIMITS,
    });
    times.push(Number(process.hrtime.bigint() - started) / 1_000);
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}

async function main(): Promise<void> {
  console.log(
    `${runs} runs each; document of the attack: ${(attack.length / 1024).toFixed(0)} KB; Node ${process.version}; ` +
      `load average ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')} on ${os.availableParallelism()} cores\n`,
  );
  const rows: Record<string, Record<string, string | number>> = {};
  for (const benchCase of cases) {
    const gateway = await startCountingGateway(operationLimits<BaseContext>(benchCase.settings));
    try {
      const result = await measure(gateway, benchCase);
      rows[benchCase.name] = {
        status: result.status,
        code: result.code,
        'median µs': Math.round(result.medianUs),
        'p95 µs': Math.round(result.p95Us),
        'heap retained KB': Math.round(result.retainedKb),
        'heap one request KB': Math.round(result.oneRequestKb),
        'subgraph calls/request': result.subgraphCalls,
      };
    } finally {
      await gateway.stop();
    }
  }
  console.table(rows);
  console.log(
    `\nThe limits' own work for one Play.graphql (shape and cost, no cache): ${limitsWorkUs(play).toFixed(1)} µs`,
  );

  if (process.argv.includes('--baseline')) {
    const gateway = await startCountingGateway(operationLimits<BaseContext>(UNBOUNDED));
    const started = process.hrtime.bigint();
    const { status } = await gateway.post(attack, PLAY_VARIABLES);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(
      `\nWithout limits, one 1,000-alias play: status ${status} after ${ms.toFixed(0)} ms, ${gateway.subgraphCalls()} subgraph calls`,
    );
    await gateway.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

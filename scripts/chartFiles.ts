/**
 * What the Helm chart (deploy/helm/streaming/) reads from the repository, as the files `npm run chart`
 * writes into it: the services (the gateway and every registered subgraph, with their ports and the
 * variables each one reads) and the supergraph the gateway starts with. A chart cannot read outside its
 * folder, so these are copies; test/deploy/chart.test.ts fails when they are stale.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SCHEMA_FILES } from '@platform/composition';
import { REPOSITORY_ROOT } from '@platform/env';
import { subgraphs } from '@platform/registry';
import { tracingEnvShape } from '@platform/tracing/setup';
import { envShapeFor } from '../gateway/src/env';

export const CHART_DIR = 'deploy/helm/streaming';

/** Where the chart mounts a writable directory for a variable that names one (the root is read-only). */
const WRITABLE_DIRS: Record<string, string> = { JOURNAL_DIR: '/var/lib/streaming/journal' };

/** One service as the chart deploys it. */
export interface ChartService {
  name: string;
  /** The port it listens on, and the variable that sets it. */
  port: number;
  portVar: string;
  /** Every variable it reads: the chart sets no other (test/deploy/ checks it). */
  env: string[];
  /** Variables holding keys: only ever from the service's Kubernetes Secret. */
  secretEnv: string[];
  /** Variables naming a directory the service writes, with where the chart mounts it. */
  writableDirs: Record<string, string>;
}

export interface ChartSubgraph extends ChartService {
  /** The gateway's variable listing its URLs. */
  urlVar: string;
  /** Whether `play` needs it (the gateway's readiness waits for it). */
  playPath: boolean;
}

export interface ChartServices {
  gateway: ChartService & { adminPort: number };
  subgraphs: ChartSubgraph[];
}

/** One service as the chart deploys it, from the variables its env.ts reads (`shape`). */
export function chartService(name: string, port: number, portVar: string, shape: object): ChartService {
  const env = [...Object.keys(shape), ...Object.keys(tracingEnvShape.shape)].sort();
  return {
    name,
    port,
    portVar,
    env,
    secretEnv: env.filter((variable) => variable.endsWith('_JWKS')),
    writableDirs: Object.fromEntries(
      env.flatMap((variable) => (WRITABLE_DIRS[variable] ? [[variable, WRITABLE_DIRS[variable]]] : [])),
    ),
  };
}

/** The services, each subgraph's variables read from its own `src/env.ts` (`envShape`). */
export async function chartServices(): Promise<ChartServices> {
  const registered = subgraphs();
  const entries = await Promise.all(
    registered.map(async (entry): Promise<ChartSubgraph> => {
      const { envShape } = (await import(path.join(entry.dir, 'src/env.ts'))) as {
        envShape: object;
      };
      return {
        ...chartService(entry.name, entry.port, entry.env.port, envShape),
        urlVar: entry.env.url,
        playPath: entry.playPath,
      };
    }),
  );
  return {
    gateway: { ...chartService('gateway', 4000, 'PORT', envShapeFor(registered)), adminPort: 9400 },
    subgraphs: entries,
  };
}

/** The chart's generated files, by path relative to the repository root. */
export async function chartFiles(): Promise<Record<string, string>> {
  return {
    [`${CHART_DIR}/files/services.json`]: `${JSON.stringify(await chartServices(), null, 2)}\n`,
    [`${CHART_DIR}/files/supergraph.graphql`]: readFileSync(
      path.join(REPOSITORY_ROOT, SCHEMA_FILES.supergraph),
      'utf8',
    ),
  };
}

/**
 * The generated files that differ from what is on disk, written unless `check`: repository-relative
 * paths, none when the chart is current.
 */
export async function refreshChartFiles({ check = false } = {}): Promise<string[]> {
  const stale: string[] = [];
  for (const [file, content] of Object.entries(await chartFiles())) {
    const absolute = path.join(REPOSITORY_ROOT, file);
    if (existsSync(absolute) && readFileSync(absolute, 'utf8') === content) continue;
    stale.push(file);
    if (check) continue;
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
  return stale;
}

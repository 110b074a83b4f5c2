/**
 * The simulated platform: the demo dataset with its CDNs pointed at local reference edges (one edge
 * process per CDN), the whole stack of `npm start` on free ports, and the edges. Everything lives in a
 * temporary directory (dataset, keys, journal, field usage) that `stop()` removes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { issueDevelopmentToken } from '@platform/identity';
import { loadDataset } from '@platform/dataset/load';
import { loadSigningKey } from '@platform/keys/keyring';
import { freePort } from '@platform/ports';
import { startStack, stopProcess, type RunningStack, isolatedStackEnv } from '@platform/stack';
import { startEdgeProcess, withLocalEdges, type LocalEdge } from '../edge/src/localEdges';

export interface FleetStackOptions {
  /** Gateway without deadlines, breakers or fallbacks (`SUBGRAPH_CLIENT=plain`). */
  baseline: boolean;
  segmentSeconds: number;
  payloadScale: number;
  /** Receives the services' log lines (LOG_LEVEL=error, so only errors). */
  onLine?: (line: string) => void;
}

export type Edge = LocalEdge;

export interface FleetStack {
  stack: RunningStack;
  gatewayUrl: string;
  edges: Map<string, Edge>;
  tokenFor(accountId: string): Promise<string>;
  /** POSTs a fault change to an edge's `/_faults`. */
  setEdgeFaults(cdnId: string, faults: object | null): Promise<void>;
  killEdge(cdnId: string): void;
  stop(): Promise<void>;
}

export { withLocalEdges };

export async function startFleetStack(options: FleetStackOptions): Promise<FleetStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'simulate-'));
  const keysDir = path.join(dir, 'keys');
  const demo = loadDataset();
  const edgePorts = new Map<string, number>();
  const taken = new Set<number>();
  for (const cdn of demo.cdns) edgePorts.set(cdn.id, await freePort(taken));
  const datasetFile = path.join(dir, 'dataset.json');
  writeFileSync(datasetFile, JSON.stringify(withLocalEdges(demo, edgePorts), null, 2));
  const env = await isolatedStackEnv(
    {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'error',
      DATASET: datasetFile,
      JOURNAL_DIR: path.join(dir, 'journal'),
      // Virtual viewers' field usage stays with the run, out of the repository's `.usage/`.
      FIELD_USAGE_STORE: path.join(dir, 'usage'),
      DECISION_STORE: path.join(dir, 'decisions'),
      SUBGRAPH_CLIENT: options.baseline ? 'plain' : 'resilient',
      // Hundreds of virtual viewers share the demo's few accounts: far more than a household.
      RATE_LIMITS: 'off',
    },
    keysDir,
  );
  const keys = { identity: await loadSigningKey('identity', { kind: 'development', dir: keysDir }) };
  // The embedded store: a simulation measures the platform's behaviour, not a database's.
  delete env.MONGODB_URI;
  delete env.REDIS_URL;
  // The last lines are kept, so a service that fails to start can say why.
  const recent: string[] = [];
  const onLine = (line: string) => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
    options.onLine?.(line);
  };
  const edges = new Map<string, Edge>();
  const stopEdges = () => Promise.all([...edges.values()].map((edge) => stopProcess(edge.process)));
  let stack: RunningStack;
  try {
    const edgeEnv = {
      ...env,
      EDGE_SEGMENT_SECONDS: String(options.segmentSeconds),
      EDGE_PAYLOAD_SCALE: String(options.payloadScale),
    };
    await Promise.all(
      [...edgePorts].map(async ([cdnId, port]) =>
        edges.set(
          cdnId,
          await startEdgeProcess(cdnId, port, edgeEnv, (line) => onLine(`[edge:${cdnId}] ${line}`)),
        ),
      ),
    );
    stack = await startStack({
      env,
      onLine: (service, line) => onLine(`[${service}] ${line}`),
      onCrash: (service, code, signal) => onLine(`[stack] ${service} exited (${code ?? signal})`),
      readyTimeoutMs: 120_000,
    });
  } catch (error) {
    await stopEdges();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${recent.join('\n')}`, { cause: error });
  }
  const tokens = new Map<string, Promise<string>>();
  return {
    stack,
    gatewayUrl: stack.gatewayUrl,
    edges,
    tokenFor(accountId) {
      if (!tokens.has(accountId)) tokens.set(accountId, issueDevelopmentToken(keys.identity, accountId));
      return tokens.get(accountId)!;
    },
    async setEdgeFaults(cdnId, faults) {
      const edge = edges.get(cdnId);
      if (!edge) throw new Error(`No edge for ${cdnId}`);
      await fetch(`${edge.baseUrl}/_faults`, {
        method: faults ? 'POST' : 'DELETE',
        body: faults ? JSON.stringify(faults) : null,
        signal: AbortSignal.timeout(5_000),
      });
    },
    killEdge(cdnId) {
      edges.get(cdnId)?.process.kill('SIGKILL');
    },
    async stop() {
      // A paused process ignores SIGTERM until it is continued.
      for (const child of Object.values(stack.processes)) child.kill('SIGCONT');
      await Promise.all([stack.stop(), stopEdges()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Reference edges as local processes, one per CDN of a dataset, for whatever runs the stack on one
 * machine: `npm start` in development (scripts/start.ts) and the fleet simulator
 * (simulator/fleetStack.ts). The dataset the stack reads is rewritten so that every CDN's `baseUrl`
 * is its local edge: manifests then point players at these processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Dataset } from '@platform/dataset/model';
import { REPOSITORY_ROOT } from '@platform/env';
import { stopProcess } from '@platform/stack';

export interface LocalEdge {
  cdnId: string;
  baseUrl: string;
  process: ChildProcess;
}

/** The dataset with every CDN's `baseUrl` at a local edge. */
export function withLocalEdges(dataset: Dataset, ports: ReadonlyMap<string, number>): Dataset {
  return {
    ...dataset,
    cdns: dataset.cdns.map((cdn) => {
      const port = ports.get(cdn.id);
      if (port === undefined) throw new Error(`No local edge port for ${cdn.id}`);
      return { ...cdn, baseUrl: `http://127.0.0.1:${port}` };
    }),
  };
}

export interface StartEdgeOptions {
  /**
   * Spawn the edge with an IPC channel: it then stops by itself when this process dies, SIGKILL
   * included (lib/platform/service.ts), as the services of `npm start` do.
   */
  supervised?: boolean;
}

/** How long an edge has to answer `/health/live`. */
const LIVE_TIMEOUT_MS = 60_000;

/** Spawns `edge/src/index.ts` for `cdnId` on `port` and resolves once it answers `/health/live`. */
export async function startEdgeProcess(
  cdnId: string,
  port: number,
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void,
  options: StartEdgeOptions = {},
): Promise<LocalEdge> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPOSITORY_ROOT, 'edge/src/index.ts')],
    {
      cwd: REPOSITORY_ROOT,
      env: { ...env, EDGE_CDN_ID: cdnId, EDGE_PORT: String(port) },
      stdio: options.supervised ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    },
  );
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      for (const line of chunk.trimEnd().split('\n')) if (line) onLine(line);
    });
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + LIVE_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The edge of ${cdnId} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/health/live`, { signal: AbortSignal.timeout(1_000) })).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`The edge of ${cdnId} was not live within ${LIVE_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { cdnId, baseUrl, process: child };
}

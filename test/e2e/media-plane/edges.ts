/**
 * Reference edges as real processes (`npm run edge`), one per CDN, for media-plane scenarios.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPOSITORY_ROOT } from '@platform/env';
import { stopProcess } from '@platform/stack';

export interface RunningEdge {
  cdnId: string;
  port: number;
  baseUrl: string;
  process: ChildProcess;
  logs: string[];
  /** SIGKILL: the edge dies at once, mid-response, like a crashed host. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEdge(cdnId: string, port: number, env: NodeJS.ProcessEnv): Promise<RunningEdge> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPOSITORY_ROOT, 'edge/src/index.ts')],
    {
      cwd: REPOSITORY_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        ...env,
        EDGE_CDN_ID: cdnId,
        EDGE_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk) => logs.push(String(chunk)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`edge ${cdnId} exited: ${logs.join('')}`);
    try {
      if ((await fetch(`${baseUrl}/health/live`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`edge ${cdnId} was not live within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    cdnId,
    port,
    baseUrl,
    process: child,
    logs,
    kill: () =>
      exited()
        ? Promise.resolve()
        : new Promise((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
    stop: () => stopProcess(child),
  };
}

/**
 * Starts the gateway and the four subgraphs as separate processes: `npm start` and the end-to-end
 * tests run the very same stack. Logs are prefixed per service; a service that dies is reported
 * loudly; stopping stops them all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { REPOSITORY_ROOT } from './env';
import { KEY_PURPOSES, loadSigningKey } from './keys/keyring';

/**
 * Every process of the stack. `portVar` names the variable that holds its port in the stack's
 * environment; the process itself reads `listenVar` (the second playback replica listens on
 * PLAYBACK_PORT too, set to PLAYBACK_REPLICA_PORT for it alone).
 */
export const SERVICES = [
  {
    name: 'profiles',
    entry: 'subgraphs/profiles/src/index.ts',
    portVar: 'PROFILES_PORT',
    listenVar: 'PROFILES_PORT',
    defaultPort: 4001,
  },
  {
    name: 'entitlements',
    entry: 'subgraphs/entitlements/src/index.ts',
    portVar: 'ENTITLEMENTS_PORT',
    listenVar: 'ENTITLEMENTS_PORT',
    defaultPort: 4002,
  },
  {
    name: 'catalog',
    entry: 'subgraphs/catalog/src/index.ts',
    portVar: 'CATALOG_PORT',
    listenVar: 'CATALOG_PORT',
    defaultPort: 4003,
  },
  {
    name: 'playback',
    entry: 'subgraphs/playback/src/index.ts',
    portVar: 'PLAYBACK_PORT',
    listenVar: 'PLAYBACK_PORT',
    defaultPort: 4004,
  },
  // Playback is on every `play`: a second replica lets one hang or die without a failed request.
  {
    name: 'playback-2',
    entry: 'subgraphs/playback/src/index.ts',
    portVar: 'PLAYBACK_REPLICA_PORT',
    listenVar: 'PLAYBACK_PORT',
    defaultPort: 4014,
  },
  { name: 'gateway', entry: 'gateway/src/index.ts', portVar: 'PORT', listenVar: 'PORT', defaultPort: 4000 },
] as const;

export type ServiceName = (typeof SERVICES)[number]['name'];

export interface StackOptions {
  /** Environment for every service (ports, DATASET, KEYS_DIR...). Defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  /** Receives every log line, already prefixed with its service. Defaults to stdout. */
  onLine?: (service: ServiceName | 'stack', line: string) => void;
  /** Called when a service exits while the stack is meant to be running. */
  onCrash?: (service: ServiceName, code: number | null, signal: NodeJS.Signals | null) => void;
  /** How long to wait for the gateway to be ready. Defaults to 60_000 (one minute). */
  readyTimeoutMs?: number;
}

export interface RunningStack {
  gatewayUrl: string;
  ports: Record<ServiceName, number>;
  processes: Record<ServiceName, ChildProcess>;
  /** Milliseconds from spawning to the gateway answering ready. */
  readyAfterMs: number;
  stop(): Promise<void>;
  /** Stops one service (if it still runs) and starts it again; resolves once it is ready. */
  restart(name: ServiceName): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const env = { ...(options.env ?? process.env) };
  const onLine = options.onLine ?? ((service, line) => process.stdout.write(`[${service}] ${line}\n`));
  const ports = Object.fromEntries(
    SERVICES.map((service) => [service.name, Number(env[service.portVar] ?? service.defaultPort)]),
  ) as Record<ServiceName, number>;
  const portEnv = Object.fromEntries(
    SERVICES.map((service) => [service.portVar, String(ports[service.name])]),
  );
  const started = Date.now();
  let stopping = false;
  const processes = {} as Record<ServiceName, ChildProcess>;
  const launch = (service: (typeof SERVICES)[number]) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPOSITORY_ROOT, service.entry)], {
      cwd: REPOSITORY_ROOT,
      env: { ...env, ...portEnv, [service.listenVar]: String(ports[service.name]) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    forwardLines(child, (line) => onLine(service.name, line));
    child.on('exit', (code, signal) => {
      if (stopping || processes[service.name] !== child) return;
      options.onCrash?.(service.name, code, signal);
    });
    processes[service.name] = child;
  };
  SERVICES.forEach(launch);
  const stop = async () => {
    stopping = true;
    await Promise.all(Object.values(processes).map(stopProcess));
  };
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
  try {
    await waitUntilReady(`${gatewayUrl}/health/ready`, options.readyTimeoutMs ?? 60_000, processes);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrl,
    ports,
    processes,
    readyAfterMs: Date.now() - started,
    stop,
    async restart(name) {
      const service = SERVICES.find((candidate) => candidate.name === name)!;
      await stopProcess(processes[name]);
      launch(service);
      await waitUntilReady(`http://127.0.0.1:${ports[name]}/health/ready`, options.readyTimeoutMs ?? 60_000, {
        [name]: processes[name],
      });
    },
  };
}

function forwardLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line) onLine(line);
    });
    stream.on('end', () => buffered && onLine(buffered));
  }
}

async function waitUntilReady(
  url: string,
  timeoutMs: number,
  processes: Record<string, ChildProcess>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = Object.entries(processes).find(([, child]) => child.exitCode !== null);
    if (dead) throw new Error(`${dead[0]} exited with code ${dead[1].exitCode} before the stack was ready`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The stack was not ready within ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL if the process has not exited within five seconds. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The environment of a stack of its own beside any other (tests, benchmarks, the simulator): every
 * service on a free port, development keys in `keysDir`, generated here once so that the processes
 * do not all race to create them.
 */
export async function isolatedStackEnv(base: NodeJS.ProcessEnv, keysDir: string): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...base, KEYS_DIR: keysDir };
  for (const service of SERVICES) env[service.portVar] = String(await freePort());
  for (const purpose of KEY_PURPOSES) await loadSigningKey(purpose, { kind: 'development', dir: keysDir });
  return env;
}

/** A TCP port nobody listens on right now, for tests that start their own stack. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

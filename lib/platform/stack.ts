/**
 * Starts the gateway and every registered subgraph as separate processes: `npm start` and the
 * end-to-end tests run the very same stack. Logs are prefixed per service; a service that dies is
 * reported loudly; stopping stops them all.
 *
 * Nothing is left behind: each process is spawned with an IPC channel, and a service stops itself
 * when that channel disconnects (lib/platform/service.ts), which the kernel does when this process
 * dies, SIGKILL included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPOSITORY_ROOT } from './env';
import { DEFAULT_DRAIN_GRACE_MS } from './httpRequests';
import { generateDevelopmentKeys } from './keys/development';
import { freePort, takenPorts, unusablePorts } from './ports';
import { subgraphs } from './registry';
import { LISTEN_RETRY_VARIABLE, parseSupervisorMessage } from './supervision';

/** A process of the stack: a subgraph replica or the gateway. */
export interface StackService {
  /** `catalog`, `playback-2` (the second playback replica), `gateway`. */
  name: ServiceName;
  /** Entry point relative to the repository root. */
  entry: string;
  /** The variable that holds this process's port in the stack's environment. */
  portVar: string;
  /**
   * The variable the process itself reads its port from: `portVar`, except for the extra replicas of
   * a subgraph, which all read `<NAME>_PORT` (set to their own port for them alone).
   */
  listenVar: string;
  defaultPort: number;
  /**
   * Whether the stack cannot start without it: the gateway and the subgraphs a `play` needs
   * (`playPath`). Any other subgraph that dies while the stack starts is reported, not waited for:
   * its fields fall back by their policies.
   */
  required: boolean;
}

/**
 * The ports `env` gives the stack's processes (each service's and the gateway's admin listener), or
 * their defaults: what anything started before them must not take.
 */
export function stackPorts(env: NodeJS.ProcessEnv): number[] {
  const ports = stackServices().map((service) => Number(env[service.portVar] ?? service.defaultPort));
  if (env.ADMIN_PORT) ports.push(Number(env.ADMIN_PORT));
  return ports.filter((port) => Number.isInteger(port) && port > 0);
}

/** A process's name in the stack; see {@link StackService.name}. */
export type ServiceName = string;

/**
 * Every process of the stack, in start order: each registered subgraph (lib/platform/registry.ts)
 * with its extra replicas (named `<name>-2`, `<name>-3`...), then the gateway.
 */
export function stackServices(): StackService[] {
  const services: StackService[] = subgraphs().flatMap((subgraph) => [
    {
      name: subgraph.name,
      entry: subgraph.entry,
      portVar: subgraph.env.port,
      listenVar: subgraph.env.port,
      defaultPort: subgraph.port,
      required: subgraph.playPath,
    },
    ...subgraph.replicaPorts.map((defaultPort, index) => ({
      name: `${subgraph.name}-${index + 2}`,
      entry: subgraph.entry,
      portVar: subgraph.env.replicaPorts[index]!,
      listenVar: subgraph.env.port,
      defaultPort,
      required: subgraph.playPath,
    })),
  ]);
  services.push({
    name: 'gateway',
    entry: 'gateway/src/index.ts',
    portVar: 'PORT',
    listenVar: 'PORT',
    defaultPort: 4000,
    required: true,
  });
  return services;
}

export interface StackOptions {
  /** Environment for every service (ports, DATASET, KEYS_DIR...). Defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  /** Receives every log line, already prefixed with its service. Defaults to stdout. */
  onLine?: (service: ServiceName | 'stack', line: string) => void;
  /** Called when a service exits while the stack is meant to be running. */
  onCrash?: (service: ServiceName, code: number | null, signal: NodeJS.Signals | null) => void;
  /** How long to wait for the gateway to be ready. Defaults to 60_000 (one minute). */
  readyTimeoutMs?: number;
  /**
   * How a service's process is started. Defaults to `node --import tsx <entry>` in this repository;
   * the image's test starts each through the image's entrypoint, in a copy of what the image holds.
   */
  command?: (service: StackService) => { command: string; args: string[]; cwd: string };
}

export interface RunningStack {
  gatewayUrl: string;
  /** Every service's port, by service name. */
  ports: Readonly<Record<ServiceName, number>>;
  /** Every service's current process, by service name; a restart replaces the entry. */
  processes: Readonly<Record<ServiceName, ChildProcess>>;
  /** Milliseconds from spawning to the gateway answering ready. */
  readyAfterMs: number;
  /** One service's current process; throws for a name the stack does not run. */
  process(name: ServiceName): ChildProcess;
  /** One service's port; throws for a name the stack does not run. */
  port(name: ServiceName): number;
  stop(): Promise<void>;
  /**
   * Replaces one service's process without a failed request, and resolves once the new process is
   * ready and the old one has exited. A rolling restart: the replacement starts first and waits for
   * the port (`LISTEN_RETRY_MS`); once it says so, the old process drains (SIGTERM: not ready at
   * once, stops accepting, finishes what is in flight) and the replacement binds the port within
   * tens of milliseconds. A service that is not running is simply started.
   */
  restart(name: ServiceName): Promise<void>;
}

/** The stack could not start; the message names the service and, when it is the cause, its port. */
export class StackStartError extends Error {
  override name = 'StackStartError';
}

/**
 * How long a replacement may wait for its port during a restart. Defaults to 30_000: the old
 * process frees the port as soon as its drain begins, so this only bounds a stuck one.
 */
export const RESTART_LISTEN_WINDOW_MS = 30_000;

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const env = { ...(options.env ?? process.env) };
  const services = stackServices();
  const ports = await portsOf(services, env);
  const stack = new StackProcesses(services, ports, env, options);
  const started = Date.now();
  stack.launchAll();
  await stack.untilReady();
  return runningStack(stack, Date.now() - started);
}

/**
 * Each service's port: its variable in `env`, else its default. Refuses, before anything is spawned,
 * ports no client could reach, ports given twice, and ports another process holds.
 */
async function portsOf(
  services: StackService[],
  env: NodeJS.ProcessEnv,
): Promise<Record<ServiceName, number>> {
  const ports: Record<ServiceName, number> = Object.fromEntries(
    services.map((service) => [service.name, Number(env[service.portVar] || service.defaultPort)]),
  );
  const assignments = services.map((service) => ({
    name: service.name,
    port: ports[service.name]!,
    variable: service.portVar,
  }));
  const problems = unusablePorts(assignments);
  if (problems.length === 0) problems.push(...(await takenPorts(assignments)));
  if (problems.length > 0) throw new StackStartError(problems.join('\n'));
  return ports;
}

/** What a caller of {@link startStack} holds: a view of the stack's processes, once it is ready. */
function runningStack(stack: StackProcesses, readyAfterMs: number): RunningStack {
  return {
    gatewayUrl: stack.gatewayUrl,
    ports: stack.ports,
    processes: stack.processes,
    readyAfterMs,
    process: (name) => stack.processes[stack.serviceNamed(name).name]!,
    port: (name) => stack.ports[stack.serviceNamed(name).name]!,
    stop: () => stack.stop(),
    restart: (name) => stack.restart(name),
  };
}

/** The processes of one stack: spawned, watched, restarted one at a time, stopped together. */
class StackProcesses {
  /** Every service's current process; a restart replaces the entry. */
  readonly processes: Record<ServiceName, ChildProcess> = {};
  readonly gatewayUrl: string;
  /** Whether the stack was ready: a process that exits afterwards is a crash, reported. */
  private running = false;
  private stopping = false;
  /** Why each process could not listen, as it told us before exiting. */
  private readonly listenFailures = new WeakMap<ChildProcess, string>();
  /** Each service's port, under its own variable, for every process (the gateway needs them all). */
  private readonly portEnv: NodeJS.ProcessEnv;
  private readonly graceMs: number;
  private readonly readyTimeoutMs: number;
  private readonly onLine: NonNullable<StackOptions['onLine']>;

  constructor(
    private readonly services: StackService[],
    readonly ports: Readonly<Record<ServiceName, number>>,
    private readonly env: NodeJS.ProcessEnv,
    private readonly options: StackOptions,
  ) {
    this.gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
    this.portEnv = Object.fromEntries(
      services.map((service) => [service.portVar, String(ports[service.name])]),
    );
    this.graceMs = Number(env.SHUTDOWN_GRACE_MS) || DEFAULT_DRAIN_GRACE_MS;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
    this.onLine = options.onLine ?? ((service, line) => process.stdout.write(`[${service}] ${line}\n`));
  }

  serviceNamed(name: ServiceName): StackService {
    const service = this.services.find((candidate) => candidate.name === name);
    if (!service) throw new Error(`The stack runs no service "${name}"`);
    return service;
  }

  launchAll(): void {
    this.services.forEach((service) => this.launch(service));
  }

  /**
   * Resolves once the gateway answers ready. Rejects, having stopped everything, when it does not in
   * time or a required process exits first (saying why).
   */
  async untilReady(): Promise<void> {
    const required = Object.fromEntries(
      this.services
        .filter((service) => service.required)
        .map((service) => [service.name, this.processes[service.name]!]),
    );
    try {
      await waitUntilReady(`${this.gatewayUrl}/health/ready`, this.readyTimeoutMs, required, this.whyExited);
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.running = true;
  }

  /**
   * The gateway first, so that the `play` requests it is draining still reach every subgraph; then
   * the subgraphs together.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.processes.gateway) await stopProcess(this.processes.gateway, this.graceMs);
    await Promise.all(Object.values(this.processes).map((child) => stopProcess(child, this.graceMs)));
  }

  /** See {@link RunningStack.restart}. */
  async restart(name: ServiceName): Promise<void> {
    const service = this.serviceNamed(name);
    const old = this.processes[name];
    const oldRunning = old !== undefined && old.exitCode === null && old.signalCode === null;
    const replacement = this.launch(
      service,
      oldRunning ? { [LISTEN_RETRY_VARIABLE]: String(RESTART_LISTEN_WINDOW_MS) } : {},
    );
    if (oldRunning) await this.handOver(name, old, replacement);
    await waitUntilReady(
      `http://127.0.0.1:${this.ports[name]}/health/ready`,
      this.readyTimeoutMs,
      { [name]: replacement },
      this.whyExited,
    );
  }

  /** Stops `old` once `replacement` waits for its port; if the replacement fails, `old` stays. */
  private async handOver(name: ServiceName, old: ChildProcess, replacement: ChildProcess): Promise<void> {
    try {
      await waitForReplacementAtPort(replacement, old, this.readyTimeoutMs, () =>
        this.whyExited(name, replacement),
      );
    } catch (error) {
      // The old process still serves: keep it as the service's process, and drop the replacement.
      this.processes[name] = old;
      await stopProcess(replacement);
      throw error;
    }
    await stopProcess(old, this.graceMs);
  }

  private launch(service: StackService, extraEnv: NodeJS.ProcessEnv = {}): ChildProcess {
    const { command, args, cwd } = this.options.command?.(service) ?? {
      command: process.execPath,
      args: ['--import', 'tsx', path.join(REPOSITORY_ROOT, service.entry)],
      cwd: REPOSITORY_ROOT,
    };
    const child = spawn(command, args, {
      cwd,
      env: {
        ...this.env,
        ...this.portEnv,
        [service.listenVar]: String(this.ports[service.name]),
        ...extraEnv,
      },
      // The IPC channel is how a service learns that this process is gone (it disconnects).
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    forwardLines(child, (line) => this.onLine(service.name, line));
    child.on('message', (message) => {
      const parsed = parseSupervisorMessage(message);
      if (parsed?.kind === 'listen-failed') {
        this.listenFailures.set(
          child,
          `${service.name} cannot listen on port ${parsed.port}: ${parsed.reason}`,
        );
      }
    });
    child.on('exit', (code, signal) => {
      if (this.stopping || this.processes[service.name] !== child) return;
      // Before the stack is ready, startStack itself fails with the reason instead, unless the
      // service is optional: then the stack goes on without it, and says so.
      if (!this.running && service.required) return;
      this.options.onCrash?.(service.name, code, signal);
    });
    this.processes[service.name] = child;
    return child;
  }

  /** Why a process that exited early did: what it told us, or its exit code and port. */
  private readonly whyExited = (name: ServiceName, child: ChildProcess): string =>
    this.listenFailures.get(child) ??
    `${name} (port ${this.ports[name]}) exited with ${child.signalCode ?? `code ${child.exitCode}`} before it was ready`;
}

/** Every line a child prints, on standard output or error, to `onLine`. */
export function forwardLines(child: ChildProcess, onLine: (line: string) => void): void {
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

/** Resolves once `url` answers 200; rejects at once, saying why, when one of `processes` exits. */
async function waitUntilReady(
  url: string,
  timeoutMs: number,
  processes: Record<ServiceName, ChildProcess>,
  whyExited: (name: ServiceName, child: ChildProcess) => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = Object.entries(processes).find(
      ([, child]) => child.exitCode !== null || child.signalCode !== null,
    );
    if (dead) throw new StackStartError(whyExited(dead[0], dead[1]));
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new StackStartError(`The stack was not ready within ${timeoutMs} ms`);
}

/**
 * Resolves once a replacement says it waits for its port: it has initialised and is only waiting
 * for the old process to let go. Also resolves when there is nothing to wait for: the replacement
 * got the port anyway (the old one had let go already), or the old process exited. Rejects if the
 * replacement exits or says nothing within `timeoutMs`.
 */
function waitForReplacementAtPort(
  child: ChildProcess,
  old: ChildProcess,
  timeoutMs: number,
  whyExited: () => string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      old.off('exit', onOldExit);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (message: unknown) => {
      const kind = parseSupervisorMessage(message)?.kind;
      if (kind === 'port-busy' || kind === 'listening') done();
    };
    const onOldExit = () => done();
    // Let the 'message' handler of launch() record a listen failure before the reason is read.
    const onExit = () => setImmediate(() => done(new StackStartError(whyExited())));
    const timer = setTimeout(
      () => done(new StackStartError(`The replacement did not reach its port within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.on('message', onMessage);
    child.once('exit', onExit);
    old.once('exit', onOldExit);
  });
}

/**
 * SIGTERM, then SIGKILL if the process has not exited within its drain grace plus five seconds (a
 * service exits by itself at the grace; the margin covers closing its stores).
 *
 * @param graceMs the service's `SHUTDOWN_GRACE_MS`. Defaults to {@link DEFAULT_DRAIN_GRACE_MS}.
 */
export function stopProcess(child: ChildProcess, graceMs = DEFAULT_DRAIN_GRACE_MS): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs + 5_000);
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
  // A port is free only until someone binds it: each service gets one of its own.
  const taken = new Set<number>();
  for (const service of stackServices()) env[service.portVar] = String(await freePort(taken));
  // The gateway's admin listener (`/metrics`): a port of its own, so stacks side by side never share one.
  env.ADMIN_PORT = String(await freePort(taken));
  await generateDevelopmentKeys(keysDir);
  return env;
}

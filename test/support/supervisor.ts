/**
 * `npm start`'s supervisor (scripts/start.ts) as a real process, for tests of what it leaves behind:
 * started on free ports with a small dataset and development keys of its own, its output kept, its
 * child processes listed from the operating system rather than from its own account of them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from '@platform/env';
import { isolatedStackEnv, stackServices } from '@platform/stack';
import { Seed } from './seed';

export interface Supervisor {
  /** What was spawned: the supervisor itself, or the shell that started it. */
  process: ChildProcess;
  /** The supervisor's own pid (found under the shell when there is one). */
  pid(): number;
  /** The environment it was started with: its services' ports are in it. */
  env: NodeJS.ProcessEnv;
  /** Every port of the stack, by service. */
  ports: Record<string, number>;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves once it prints that the stack is ready; rejects if it exits first. */
  ready(timeoutMs?: number): Promise<void>;
  /** Resolves with its exit code (null when a signal ended it). */
  exited(): Promise<number | null>;
  /** Stops it if still running and removes its files. */
  cleanUp(): Promise<void>;
}

/** A dataset with one account and one title: enough for every service to start. */
export const SMALL_SEED = new Seed()
  .subscriber('acct-1', 'PREMIUM')
  .profile('prof-1', 'acct-1')
  .title('t-1')
  .cdn('cdn-1', { regions: [], priority: 1 });

/**
 * The environment of a stack of its own (free ports, development keys) on {@link SMALL_SEED}, its
 * files in `dir`: always the embedded store, even when the run has a MongoDB (CI sets MONGODB_URI).
 */
export function smallStackEnv(dir: string): Promise<NodeJS.ProcessEnv> {
  const { MONGODB_URI: _database, ...embeddedStoreEnv } = process.env;
  return isolatedStackEnv(
    {
      ...embeddedStoreEnv,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATASET: SMALL_SEED.writeTo(dir),
      JOURNAL_DIR: path.join(dir, 'journal'),
      // Field usage of its own, never the repository's `.usage/` that `npm start` serves to analysts.
      FIELD_USAGE_STORE: path.join(dir, 'usage'),
      DECISION_STORE: path.join(dir, 'decisions'),
    },
    path.join(dir, 'keys'),
  );
}

/**
 * How the supervisor is spawned: `direct` spawns it itself; `shell` spawns a shell that starts it and
 * stays its parent, as `npm` does, so that a test can kill the parent instead; `{ under }` spawns
 * that command with the supervisor's command line after it (a watcher such as strace, which stays
 * its parent too).
 */
export type Launcher = 'direct' | 'shell' | { under: readonly string[] };

/** Starts `node --import tsx scripts/start.ts`, as `npm start` does, with `overrides` on top. */
export async function startSupervisor(
  overrides: NodeJS.ProcessEnv = {},
  launcher: Launcher = 'direct',
): Promise<Supervisor> {
  const dir = mkdtempSync(path.join(tmpdir(), 'supervisor-'));
  const env = { ...(await smallStackEnv(dir)), ...overrides };
  const ports = Object.fromEntries(
    stackServices().map((service) => [service.name, Number(env[service.portVar])]),
  );
  const command = [process.execPath, '--import', 'tsx', path.join(REPOSITORY_ROOT, 'scripts/start.ts')];
  // `& wait` keeps the shell from replacing itself with the supervisor: it stays the parent.
  const [file, ...args] =
    launcher === 'direct'
      ? command
      : launcher === 'shell'
        ? ['/bin/sh', '-c', `"$@" & wait`, 'sh', ...command]
        : [...launcher.under, ...command];
  const child = spawn(file!, args, { cwd: REPOSITORY_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    pid() {
      if (launcher === 'direct') return child.pid!;
      const [supervisor] = childPids(child.pid!);
      if (supervisor === undefined) throw new Error(`${file} has not started the supervisor`);
      return supervisor;
    },
    env,
    ports,
    output: () => output,
    async ready(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!/ready in [\d.]+ s/.test(output)) {
        if (child.exitCode !== null) throw new Error(`the supervisor exited before ready:\n${output}`);
        if (Date.now() > deadline)
          throw new Error(`the supervisor was not ready within ${timeoutMs} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    exited: () => exit,
    async cleanUp() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exit;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The processes whose parent is `pid`, read from /proc (Linux). */
export function childPids(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((candidate) => processStat(candidate)?.ppid === pid);
}

/**
 * Whether `pid` still runs. A zombie does not: it has exited and holds no port, and whether it is
 * reaped at once depends on what adopted it, not on the stack.
 */
export function isRunning(pid: number): boolean {
  const stat = processStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

function processStat(pid: number): { state: string; ppid: number } | undefined {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return undefined;
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
    const text = readFileSync(file, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state!, ppid: Number(ppid) };
  } catch {
    return undefined; // Exited between the check and the read.
  }
}

/** Whether a TCP port on 127.0.0.1 can be bound right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

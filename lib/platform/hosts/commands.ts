/**
 * The commands the topology runs (`ip`, `tc`), as argument lists: built by pure functions that the
 * unit tests check without root, run here one at a time, each failure naming its command.
 */
import { execFile } from 'node:child_process';

export type Command = readonly string[];

/** `ip`, `tc` and `sysctl` live in /usr/sbin, which not every PATH has. */
export const SEARCH_PATH = [process.env.PATH, '/usr/sbin', '/sbin'].filter(Boolean).join(':');

export class CommandError extends Error {
  override name = 'CommandError';
}

/**
 * Runs one command, with `input` on its standard input when given; resolves with its standard output,
 * rejects naming it with its standard error.
 */
export function run(command: Command, input?: string): Promise<string> {
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    const child = execFile(
      file!,
      args,
      { env: { ...process.env, PATH: SEARCH_PATH }, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) {
          const why = stderr.trim() || error.message;
          reject(new CommandError(`${command.join(' ')}${input ? ` <<< ${input.trim()}` : ''}: ${why}`));
        } else {
          resolve(stdout);
        }
      },
    );
    // A command that exits before reading (it failed) closes the pipe: its exit status says why.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}

/**
 * `ip` commands gathered into one `ip [-n <namespace>] -batch -` per namespace, in the order each
 * namespace first appears, each keeping its commands' order: a fault that changes 49 routes spawns
 * 7 processes, not 49, and so does not stall the hosts it is measured on. `force`: a batch goes on
 * past a failing line (undoing is best effort). Other commands are left as they are, after.
 */
export function batched(commands: readonly Command[], force = false): { command: Command; input?: string }[] {
  const batches = new Map<string, string[]>();
  const others: Command[] = [];
  for (const command of commands) {
    if (command[0] !== 'ip') {
      others.push(command);
      continue;
    }
    const namespace = command[1] === '-n' ? command[2]! : '';
    const line = (namespace ? command.slice(3) : command.slice(1)).join(' ');
    batches.set(namespace, [...(batches.get(namespace) ?? []), line]);
  }
  return [
    ...[...batches].map(([namespace, lines]) => ({
      command: ['ip', ...(namespace ? ['-n', namespace] : []), ...(force ? ['-force'] : []), '-batch', '-'],
      input: `${lines.join('\n')}\n`,
    })),
    ...others.map((command) => ({ command })),
  ];
}

/** Runs commands in order; stops at the first that fails. */
export async function runAll(commands: readonly Command[]): Promise<void> {
  for (const command of commands) await run(command);
}

/**
 * Runs every command whatever fails (undoing: each step removes what it can), and returns the
 * failures' messages.
 */
export async function runEach(commands: readonly Command[]): Promise<string[]> {
  const failures: string[] = [];
  for (const command of commands) {
    try {
      await run(command);
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  return failures;
}

/** A command run inside a network namespace. */
export const inNamespace = (namespace: string, command: Command): Command => [
  'ip',
  'netns',
  'exec',
  namespace,
  ...command,
];

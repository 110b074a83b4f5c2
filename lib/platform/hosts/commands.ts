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

/** Runs one command; resolves with its standard output, rejects naming it with its standard error. */
export function run(command: Command): Promise<string> {
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    execFile(
      file!,
      args,
      { env: { ...process.env, PATH: SEARCH_PATH }, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) {
          const why = stderr.trim() || error.message;
          reject(new CommandError(`${command.join(' ')}: ${why}`));
        } else {
          resolve(stdout);
        }
      },
    );
  });
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

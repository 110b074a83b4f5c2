/**
 * Temporary git checkouts for tests of what compares with a base branch (the schema check's merge
 * base with `main`).
 */
import { execFileSync } from 'node:child_process';

/** Runs git in `dir` as a test author, its output discarded; throws when git fails. */
export type Git = (...args: string[]) => void;

/** Makes `dir` a checkout whose `main` holds everything in it now, and returns git in it. */
export function mainCheckout(dir: string, message: string): Git {
  const git: Git = (...args) => {
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.net', ...args], {
      cwd: dir,
      stdio: 'ignore',
    });
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git;
}

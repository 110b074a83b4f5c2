/** `npm run schema:check -- <args>` as a developer or CI runs it, for the tests of its command line. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { REPOSITORY_ROOT } from '@platform/env';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function schemaCheck(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(REPOSITORY_ROOT, 'scripts/schema-check.ts'), ...args],
      { cwd: REPOSITORY_ROOT, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

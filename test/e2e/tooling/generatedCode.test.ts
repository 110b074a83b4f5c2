/**
 * The generated code is what `npm run codegen` writes now: the codegen CLI runs in a process of its
 * own, as a developer runs it, so this lives with the suites that start processes.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPOSITORY_ROOT } from '@platform/env';

describe('generated code', () => {
  it('is up to date with the schemas and operations, trusted documents included (run `npm run codegen`)', () => {
    const run = spawnSync(
      process.execPath,
      [
        path.join(REPOSITORY_ROOT, 'node_modules/@graphql-codegen/cli/esm/bin.js'),
        '--config',
        'codegen.ts',
        '--check',
      ],
      { cwd: REPOSITORY_ROOT, encoding: 'utf8' },
    );
    // The exit status decides: 1 when a file is stale and also when codegen itself fails (a broken
    // plugin, an invalid operation), which prints nothing on stdout. The lines left once progress
    // (❯ ✔) is dropped say which files are stale or why it failed.
    const report = `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ?? ''}`
      .split('\n')
      .filter((line) => !/^\s*[❯✔]/.test(line))
      .join('\n')
      .trim();
    expect({ exitCode: run.status, report }).toEqual({ exitCode: 0, report: '' });
  }, 120_000);
});

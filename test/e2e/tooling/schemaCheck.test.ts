import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { API_SCHEMA_PATH } from '@platform/composition';
import { REPOSITORY_ROOT } from '@platform/env';
import { temporaryRepository, type TemporaryRepository } from '@testing/schemaRepository';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run schema:check -- <args>`, as a developer or CI runs it. */
function schemaCheck(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(REPOSITORY_ROOT, 'scripts/schema-check.ts'), ...args],
      { cwd: REPOSITORY_ROOT, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe('npm run schema:check', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'schema-check-cli-'));
  let broken: TemporaryRepository;
  let committed: Run;
  let againstChanged: Run;
  let composeFailure: Run;

  beforeAll(async () => {
    // A published schema where `Title.durationSeconds` was a String: today's Int is a breaking change to it.
    const published = path.join(dir, 'published-api.graphql');
    const api = readFileSync(API_SCHEMA_PATH, 'utf8');
    const changed = api.replace(/(\n {2}durationSeconds: )Int!/, '$1String!');
    expect(changed).not.toBe(api);
    writeFileSync(published, changed);
    broken = temporaryRepository();
    broken.editSdl('catalog', '  name: String!', '  name: Strin!');
    [committed, againstChanged, composeFailure] = await Promise.all([
      schemaCheck(),
      schemaCheck('--against', published),
      schemaCheck('--root', broken.root),
    ]);
  }, 60_000);

  afterAll(() => {
    broken.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds no breaking change between the subgraph SDLs and the committed schema/api.graphql', () => {
    expect(committed.stdout).not.toMatch(/^BREAKING/m);
    expect(committed).toMatchObject({ code: 0, stderr: '' });
  });

  it('exits 1 and names the coordinate, its subgraph and the operation it breaks against a schema it breaks', () => {
    expect(againstChanged.code).toBe(1);
    expect(againstChanged.stdout).toContain(
      "BREAKING  Title.durationSeconds (catalog): Field 'Title.durationSeconds' changed type from 'String!' to 'Int!'\n" +
        '          breaks clients/operations/Title.graphql (Title)',
    );
    expect(againstChanged.stdout).toMatch(/^1 breaking, 0 dangerous, 0 safe change against /m);
  });

  it('prints a composition error as file:line:col: message, without a stack trace, and exits 1', () => {
    expect(composeFailure.code).toBe(1);
    expect(composeFailure.stderr).toMatch(
      /^subgraphs\/catalog\/schema\.graphql:\d+:9: \[catalog\] Unknown type Strin \(INVALID_GRAPHQL\)$/m,
    );
    expect(composeFailure.stderr).not.toMatch(/^\s+at /m);
    expect(composeFailure.stdout).toBe('');
  });
});

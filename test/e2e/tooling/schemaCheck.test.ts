import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { API_SCHEMA_PATH, composeSupergraph, SCHEMA_FILES } from '@platform/composition';
import { REPOSITORY_ROOT } from '@platform/env';
import { mainCheckout, type Git } from '@testing/gitCheckout';
import { temporaryRepository, type TemporaryRepository } from '@testing/schemaRepository';
import { schemaCheck, type Run } from '@testing/schemaCheckCli';

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
      schemaCheck('--root', broken.root, '--against', path.join(broken.root, SCHEMA_FILES.api)),
    ]);
  }, 60_000);

  afterAll(() => {
    broken.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('on a branch that composed and committed a breaking change', () => {
    let branch: TemporaryRepository;
    let onBranch: Run;
    let onMain: Run;
    let againstWorkingTree: Run;
    let git: Git;

    beforeAll(async () => {
      branch = temporaryRepository();
      git = mainCheckout(branch.root, 'published');
      git('checkout', '-q', '-b', 'remove-synopsis');
      branch.editSdl(
        'catalog',
        '  "One-paragraph description shown on the title\'s page."\n  synopsis: String! @fallback(policy: "STALE_THEN_DEFAULT", maxAgeSeconds: 86400, default: "\\"\\"")\n',
        '',
      );
      // What `npm run compose` writes, committed with the change, as a pull request would.
      const composed = composeSupergraph(branch.root);
      writeFileSync(path.join(branch.root, SCHEMA_FILES.api), composed.apiSdl);
      writeFileSync(path.join(branch.root, SCHEMA_FILES.supergraph), composed.supergraphSdl);
      git('commit', '-q', '-am', 'remove Title.synopsis');
      [onBranch, againstWorkingTree] = await Promise.all([
        schemaCheck('--root', branch.root),
        schemaCheck('--root', branch.root, '--against', path.join(branch.root, SCHEMA_FILES.api)),
      ]);
      git('checkout', '-q', 'main');
      onMain = await schemaCheck('--root', branch.root);
    }, 60_000);

    afterAll(() => branch.remove());

    it('fails against the base branch, though the committed schema/api.graphql already agrees with it', () => {
      expect(againstWorkingTree).toMatchObject({ code: 0 });
      expect(onBranch.code).toBe(1);
      expect(onBranch.stdout).toMatch(/^BREAKING {2}Title\.synopsis \(catalog\): /m);
      expect(onBranch.stdout).toMatch(
        /^1 breaking, 0 dangerous, 0 safe change against main \(merge base [0-9a-f]{8}\)$/m,
      );
    });

    it('passes on the branch once the change is approved, saying so', async () => {
      writeFileSync(
        path.join(branch.root, 'schema/approved-breaking-changes.txt'),
        'Title.synopsis: replaced by Title.summary in app 4; no device has asked for it since\n',
      );
      git('checkout', '-q', 'remove-synopsis');
      try {
        const approved = await schemaCheck('--root', branch.root);
        expect(approved.code).toBe(0);
        expect(approved.stdout).toContain('          approved: replaced by Title.summary in app 4');
        expect(approved.stdout).toMatch(/^1 of them approved in schema\/approved-breaking-changes\.txt$/m);
      } finally {
        git('checkout', '-q', 'main');
      }
    });

    it('passes on the base branch itself', () => {
      expect(onMain).toMatchObject({ code: 0 });
      expect(onMain.stdout).toMatch(/^no change against main \(merge base [0-9a-f]{8}\)$/m);
    });
  });

  it('compares with the supergraph a running gateway is given, with --against-url', async () => {
    // Served as a gateway's SUPERGRAPH_URL would be, with Title.durationSeconds a String then.
    const supergraph = readFileSync(path.join(REPOSITORY_ROOT, SCHEMA_FILES.supergraph), 'utf8');
    const published = supergraph.replace(/(\n {2}durationSeconds: )Int!/, '$1String!');
    expect(published).not.toBe(supergraph);
    const server = createServer((_request, response) => response.end(published));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/supergraph.graphql`;
      const run = await schemaCheck('--against-url', url);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^BREAKING {2}Title\.durationSeconds \(catalog\): /m);
      expect(run.stdout).toContain(`change against ${url}`);
    } finally {
      server.close();
    }
  });

  it('says plainly, and exits 2, when there is no base to compare with', async () => {
    const notACheckout = temporaryRepository();
    try {
      const run = await schemaCheck('--root', notACheckout.root);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/No merge base with main here/);
    } finally {
      notACheckout.remove();
    }
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

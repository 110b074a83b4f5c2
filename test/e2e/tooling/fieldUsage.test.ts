/**
 * Field usage from real traffic: the processes of `npm start`, a device app's operations sent through
 * the gateway with its name and version, then what the gateway's admin listener reports, what analysts
 * read with `fieldUsage`, and how `schema:check --usage` weighs a branch's changes with it: a field an
 * app used is BREAKING and names the app, a field nobody used is safe to remove, a deprecated field is
 * listed with its remaining use.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph, SCHEMA_FILES } from '@platform/composition';
import { utcDay } from '@platform/fieldUsage/usage';
import { mainCheckout } from '@testing/gitCheckout';
import { temporaryRepository, type TemporaryRepository } from '@testing/schemaRepository';
import { Seed } from '@testing/seed';
import { startTestStack, type TestStack } from '@testing/stack';
import { documentIds } from '../../../clients/__generated__/documentIds';
import { schemaCheck } from '@testing/schemaCheckCli';

const TITLE = `query Title($id: ID!) { title(id: $id) { id name synopsis } }`;
const FIELD_USAGE = `query FieldUsage($coordinate: String!, $days: Int) {
  fieldUsage(coordinate: $coordinate, days: $days) {
    operations
    coversWindow
    unused
    clients { name version operations lastUsedOn }
  }
}`;
const TV_APP = { 'apollographql-client-name': 'tv-app', 'apollographql-client-version': '5.1.0' };

/** Removes a field (the first declared with this name) and its one-line description from an SDL. */
function dropField(repository: TemporaryRepository, subgraph: string, field: string): void {
  const file = path.join(repository.root, 'subgraphs', subgraph, 'schema.graphql');
  const sdl = readFileSync(file, 'utf8');
  const dropped = sdl.replace(new RegExp(`\\n  "[^\\n]*"\\n  ${field}: [^\\n]*\\n`), '\n');
  expect(dropped).not.toBe(sdl);
  writeFileSync(file, dropped);
}

/** A branch of a copy of this repository whose `main` is today's tree, with `edit` composed and committed. */
function branchWith(name: string, edit: (repository: TemporaryRepository) => void): TemporaryRepository {
  const repository = temporaryRepository();
  const git = mainCheckout(repository.root, 'published');
  git('checkout', '-q', '-b', name);
  edit(repository);
  const composed = composeSupergraph(repository.root);
  writeFileSync(path.join(repository.root, SCHEMA_FILES.api), composed.apiSdl);
  writeFileSync(path.join(repository.root, SCHEMA_FILES.supergraph), composed.supergraphSdl);
  git('commit', '-q', '-am', name);
  return repository;
}

describe('field usage from traffic through the gateway', () => {
  let stack: TestStack;
  let viewer: Record<string, string>;
  let analyst: Record<string, string>;
  let admin: string;
  const today = utcDay(Date.now());

  beforeAll(async () => {
    stack = await startTestStack(
      new Seed().subscriber('a-1', 'PREMIUM').profile('p-1', 'a-1').title('t-1', { name: 'Sunrise' }),
    );
    viewer = { authorization: `Bearer ${await stack.tokenFor('a-1')}` };
    analyst = { authorization: `Bearer ${await stack.tokenFor('analyst-1', ['analyst'])}` };
    admin = `http://127.0.0.1:${stack.env.ADMIN_PORT}`;
    for (let index = 0; index < 3; index += 1) {
      const answer = await stack.graphql(
        { query: TITLE, variables: { id: 't-1' } },
        { ...viewer, ...TV_APP },
      );
      expect(answer.json.data).toEqual({ title: { id: 't-1', name: 'Sunrise', synopsis: 'A test title.' } });
    }
    // A device's trusted document, without a client name.
    const page = await stack.graphql({ documentId: documentIds.Titles, variables: { first: 5 } }, viewer);
    expect(page.status).toBe(200);
  }, 90_000);

  afterAll(() => stack?.stop());

  it("is served on the admin listener, each coordinate with the clients that used it, this replica's last counts included", async () => {
    const response = await fetch(`${admin}/field-usage?days=1`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      recordedSince: string;
      coordinates: Record<string, unknown[]>;
    };

    expect(report.recordedSince).toBe(today);
    expect(report.coordinates['Title.synopsis']).toEqual([
      { client: 'tv-app', version: '5.1.0', count: 3, lastDay: today },
    ]);
    expect(report.coordinates['Query.titles']).toEqual([
      { client: 'device-operations', version: '', count: 1, lastDay: today },
    ]);
    expect(await (await fetch(`${admin}/field-usage?days=0`)).json()).toEqual({
      error: expect.stringMatching(/days must be a whole number from 1 to 366/),
    });
  });

  it('answers analysts in the graph, and refuses viewers', async () => {
    // The admin listener writes the replica's counts before it answers; otherwise within 10 s.
    await fetch(`${admin}/field-usage?days=1`);
    const asked = { query: FIELD_USAGE, variables: { coordinate: 'Title.synopsis', days: 1 } };
    const answer = await stack.graphql(asked, analyst);

    expect(answer.json.errors).toBeUndefined();
    expect(answer.json.data).toEqual({
      fieldUsage: {
        operations: 3,
        coversWindow: true,
        unused: false,
        clients: [{ name: 'tv-app', version: '5.1.0', operations: 3, lastUsedOn: today }],
      },
    });
    const refused = await stack.graphql(asked, viewer);
    expect(refused.json.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  describe('schema:check --usage', () => {
    let removed: TemporaryRepository;
    let unused: TemporaryRepository;

    beforeAll(() => {
      removed = branchWith('remove-synopsis', (repository) => dropField(repository, 'catalog', 'synopsis'));
      // `FieldUsage.to` and `.from` were never selected by anyone; `Title.synopsis` was, by tv-app.
      unused = branchWith('tidy-usage', (repository) => {
        dropField(repository, 'usage', 'to');
        repository.editSdl(
          'usage',
          '  from: String!\n',
          '  from: String! @deprecated(reason: "Read `days`.")\n',
        );
        repository.editSdl(
          'catalog',
          'synopsis: String! @fallback(policy: "STALE_THEN_DEFAULT", maxAgeSeconds: 86400, default: "\\"\\"")',
          'synopsis: String! @fallback(policy: "STALE_THEN_DEFAULT", maxAgeSeconds: 86400, default: "\\"\\"") @deprecated(reason: "Use the title page.")',
        );
      });
    }, 60_000);

    afterAll(() => {
      removed?.remove();
      unused?.remove();
    });

    it('fails a removed field one client used in the window, naming the client and its count', async () => {
      const run = await schemaCheck('--root', removed.root, '--usage', admin, '--usage-days', '1');

      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        "BREAKING  Title.synopsis (catalog): Field 'synopsis' was removed from object type 'Title'\n" +
          '          breaks clients/operations/Title.graphql (Title)\n' +
          `          used by tv-app 5.1.0: 3 operations, last on ${today}\n`,
      );
      expect(run.stdout).toContain(
        `field usage: the last day (${today} to ${today}), recorded since ${today}`,
      );
    });

    it('passes the removal of a field nobody used, and lists the deprecated ones with their remaining use', async () => {
      const run = await schemaCheck('--root', unused.root, '--usage', admin, '--usage-days', '1');

      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        "SAFE      FieldUsage.to (usage): Field 'to' was removed from object type 'FieldUsage'\n" +
          '          unused by every client in the last day: safe to remove\n',
      );
      expect(run.stdout).toContain(
        'DEPRECATED FieldUsage.from: Read `days`.\n' +
          '          unused by every client in the last day: can be removed\n',
      );
      expect(run.stdout).toContain(
        'DEPRECATED Title.synopsis: Use the title page.\n' +
          `          used by tv-app 5.1.0: 3 operations, last on ${today}\n`,
      );
    });

    it('keeps an unused field BREAKING while the window is longer than what was recorded', async () => {
      // Read from the store itself this time: the directory the stack's gateway writes.
      const run = await schemaCheck('--root', unused.root, '--usage', stack.env.FIELD_USAGE_STORE!);

      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        "BREAKING  FieldUsage.to (usage): Field 'to' was removed from object type 'FieldUsage'\n" +
          `          no use recorded since ${today}, when recording began: not yet the whole 30 days\n`,
      );
    });

    it('says plainly, and exits 2, when the usage cannot be read', async () => {
      const run = await schemaCheck('--root', unused.root, '--usage', 'http://127.0.0.1:9/');

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^Cannot read field usage from http:\/\/127\.0\.0\.1:9\/field-usage\?days=30: /m,
      );
    });
  });
});

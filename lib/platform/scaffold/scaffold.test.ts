import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../env';
import { discoverSubgraphs, SUBGRAPHS_DIR } from '../registry';
import { nextFreePort, scaffoldSubgraph, ScaffoldError } from './scaffold';

/** A repository holding only the subgraph declarations and SDLs the scaffold reads. */
function repositoryOfDeclarations(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'scaffold-'));
  for (const entry of readdirSync(path.join(REPOSITORY_ROOT, SUBGRAPHS_DIR), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const file of ['schema.graphql', 'subgraph.json']) {
      const from = path.join(REPOSITORY_ROOT, SUBGRAPHS_DIR, entry.name, file);
      if (existsSync(from)) cpSync(from, path.join(root, SUBGRAPHS_DIR, entry.name, file));
    }
  }
  return root;
}

describe('scaffoldSubgraph', () => {
  let root: string;

  beforeEach(() => {
    root = repositoryOfDeclarations();
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('declares the subgraph in the registry off the play path, on the port after every existing one', async () => {
    const existing = discoverSubgraphs(root);

    const created = await scaffoldSubgraph({ root, name: 'watch-party' });

    const highest = Math.max(...existing.flatMap((entry) => [entry.port, ...entry.replicaPorts]));
    expect(created.port).toBe(highest + 1);
    expect(discoverSubgraphs(root).find((entry) => entry.name === 'watch-party')).toMatchObject({
      port: highest + 1,
      playPath: false,
      replicaPorts: [],
      codegen: {
        contextType: '../request/context#WatchPartyContext',
        mappers: { Title: '../request/mappers#TitleReference' },
      },
    });
  });

  it('writes the SDL, the server, its data layer and its test, with no placeholder left', async () => {
    const created = await scaffoldSubgraph({ root, name: 'watch-party' });

    expect(created.files).toEqual(
      expect.arrayContaining([
        'subgraphs/watch-party/schema.graphql',
        'subgraphs/watch-party/src/index.ts',
        'subgraphs/watch-party/src/server.ts',
        'subgraphs/watch-party/src/server.test.ts',
        'subgraphs/watch-party/src/resolvers/Title.ts',
        'subgraphs/watch-party/src/data/loaders.ts',
        'subgraphs/watch-party/src/data/mongoNoteRepository.ts',
      ]),
    );
    for (const file of created.files)
      expect(readFileSync(path.join(root, file), 'utf8')).not.toMatch(/\{\{|\}\}/);
    const sdl = readFileSync(path.join(root, 'subgraphs/watch-party/schema.graphql'), 'utf8');
    expect(sdl).toContain('watchPartyNote: String @fallback(');
    expect(sdl).toContain('directive @fallback(');
  });

  it('refuses a folder that exists and writes nothing', async () => {
    const before = readdirSync(path.join(root, SUBGRAPHS_DIR, 'catalog'));

    await expect(scaffoldSubgraph({ root, name: 'catalog' })).rejects.toThrow(
      new ScaffoldError('subgraphs/catalog already exists: choose another name, or edit it'),
    );
    expect(readdirSync(path.join(root, SUBGRAPHS_DIR, 'catalog'))).toEqual(before);
  });

  it('refuses a name that is not lower case and creates no folder', async () => {
    await expect(scaffoldSubgraph({ root, name: 'WatchParty' })).rejects.toThrow(ScaffoldError);
    expect(existsSync(path.join(root, SUBGRAPHS_DIR, 'WatchParty'))).toBe(false);
  });

  it('never gives out the gateway, edge or admin ports', () => {
    const at = (port: number) =>
      discoverSubgraphs(REPOSITORY_ROOT).map((entry) => ({ ...entry, port, replicaPorts: [] }));

    expect(nextFreePort(at(4099))).toBe(4101);
  });
});

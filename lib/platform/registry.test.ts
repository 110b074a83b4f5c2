import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { discoverSubgraphs, RegistryError, subgraph, subgraphEnvNames, subgraphs } from './registry';

/** A repository of its own with the given `subgraphs/<folder>/subgraph.json` contents. */
function repositoryWith(declarations: Record<string, unknown>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'registry-'));
  for (const [folder, declaration] of Object.entries(declarations)) {
    mkdirSync(path.join(root, 'subgraphs', folder), { recursive: true });
    const text = typeof declaration === 'string' ? declaration : JSON.stringify(declaration);
    writeFileSync(path.join(root, 'subgraphs', folder, 'subgraph.json'), text);
  }
  return root;
}

const declaration = (name: string, port: number) => ({
  name,
  port,
  playPath: true,
  codegen: { contextType: '../context#Context', mappers: {} },
});

describe('the subgraph registry', () => {
  it('finds the five subgraphs of this repository, sorted by name, playback with its second replica', () => {
    expect(subgraphs().map(({ name, port, replicaPorts }) => ({ name, port, replicaPorts }))).toEqual([
      { name: 'catalog', port: 4003, replicaPorts: [] },
      { name: 'entitlements', port: 4002, replicaPorts: [] },
      { name: 'playback', port: 4004, replicaPorts: [4014] },
      { name: 'profiles', port: 4001, replicaPorts: [] },
      { name: 'usage', port: 4015, replicaPorts: [] },
    ]);
    // Only analysts read usage: it never holds up `play` or the gateway's readiness.
    expect(
      subgraphs()
        .filter((entry) => !entry.playPath)
        .map((entry) => entry.name),
    ).toEqual(['usage']);
  });

  it('derives each subgraph variable from its name, keeping PLAYBACK_REPLICA_PORT for the second replica', () => {
    expect(subgraph('playback').env).toEqual({
      port: 'PLAYBACK_PORT',
      failoverUrl: 'PLAYBACK_FAILOVER_URL',
      url: 'PLAYBACK_URL',
      timeoutMs: 'PLAYBACK_TIMEOUT_MS',
      replicaPorts: ['PLAYBACK_REPLICA_PORT'],
    });
    expect(subgraphEnvNames('watch-party', 2)).toEqual({
      port: 'WATCH_PARTY_PORT',
      failoverUrl: 'WATCH_PARTY_FAILOVER_URL',
      url: 'WATCH_PARTY_URL',
      timeoutMs: 'WATCH_PARTY_TIMEOUT_MS',
      replicaPorts: ['WATCH_PARTY_REPLICA_PORT', 'WATCH_PARTY_REPLICA_3_PORT'],
    });
  });

  it('points each subgraph at its SDL and its process entry point', () => {
    expect(subgraph('catalog').sdlPath).toMatch(/subgraphs[/\\]catalog[/\\]schema\.graphql$/);
    expect(subgraph('catalog').entry).toBe('subgraphs/catalog/src/index.ts');
  });

  it('treats a folder without subgraph.json as no subgraph', () => {
    const root = repositoryWith({ reviews: declaration('reviews', 4005) });
    mkdirSync(path.join(root, 'subgraphs', 'notes'));
    expect(discoverSubgraphs(root).map((entry) => entry.name)).toEqual(['reviews']);
  });

  it('refuses a declaration that breaks the format, naming the file and every problem', () => {
    const root = repositoryWith({ reviews: { name: 'reviews', port: 'high', codegen: {} } });
    expect(() => discoverSubgraphs(root)).toThrow(RegistryError);
    expect(() => discoverSubgraphs(root)).toThrow(
      /subgraphs\/reviews\/subgraph\.json is not a valid subgraph declaration:\n {2}port: .*\n {2}playPath: .*\n {2}codegen\.contextType/,
    );
  });

  it('refuses a file that is not JSON, naming it', () => {
    const root = repositoryWith({ reviews: '{ name: reviews' });
    expect(() => discoverSubgraphs(root)).toThrow(/subgraphs\/reviews\/subgraph\.json: not valid JSON/);
  });

  it('refuses a name that is not its folder', () => {
    const root = repositoryWith({ reviews: declaration('ratings', 4005) });
    expect(() => discoverSubgraphs(root)).toThrow(/name "ratings" must be the folder's name, "reviews"/);
  });

  it('refuses two subgraphs with the same default port', () => {
    const root = repositoryWith({ a: declaration('a', 4005), b: declaration('b', 4005) });
    expect(() => discoverSubgraphs(root)).toThrow(
      /subgraphs\/b\/subgraph\.json: port 4005 is already the default port of a/,
    );
  });

  it('names the known subgraphs when asked for one that is not declared', () => {
    expect(() => subgraph('reviews')).toThrow(
      /No subgraph "reviews".*known: catalog, entitlements, playback, profiles/,
    );
  });
});

/**
 * A supergraph that differs from the checked-in one by a description only, composed from a temporary
 * copy of the subgraphs' SDLs: what the schema-reload tests swap in while the gateway serves. Only a
 * description: a field added to the supergraph alone would be planned by the gateway and refused by
 * the subgraph, whose running schema does not have it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeSupergraph } from '@platform/composition';
import { REPOSITORY_ROOT } from '@platform/env';

/** What the variant adds at the start of the description of catalog's first `Query` field. */
export const PROBE_MARKER = 'Reload probe.';

export function composeVariantSupergraph(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'supergraph-variant-'));
  try {
    const subgraphsDir = path.join(REPOSITORY_ROOT, 'subgraphs');
    // The SDLs and registry entries only: composition reads nothing else.
    cpSync(subgraphsDir, path.join(root, 'subgraphs'), {
      recursive: true,
      filter: (source) => !path.relative(subgraphsDir, source).split(path.sep).includes('src'),
    });
    const sdlPath = path.join(root, 'subgraphs', 'catalog', 'schema.graphql');
    const sdl = readFileSync(sdlPath, 'utf8');
    const described = 'type Query {\n  """\n';
    if (!sdl.includes(described)) throw new Error(`${sdlPath}: no described first Query field to mark`);
    writeFileSync(sdlPath, sdl.replace(described, `${described}  ${PROBE_MARKER}\n`));
    return composeSupergraph(root).supergraphSdl;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

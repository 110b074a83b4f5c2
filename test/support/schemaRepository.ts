/**
 * A copy of what the schema check reads (the subgraph SDLs and declarations, the composed schemas,
 * the device operations) in a temporary directory, for tests that change an SDL and check it.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from '@platform/env';
import { SUBGRAPHS_DIR } from '@platform/registry';

export interface TemporaryRepository {
  root: string;
  /** Replaces `search` (which must occur) in `subgraphs/<name>/schema.graphql`. */
  editSdl(subgraph: string, search: string, replacement: string): void;
  remove(): void;
}

/** Copies `from` (this repository by default) without code, dependencies or generated files. */
export function temporaryRepository(from: string = REPOSITORY_ROOT): TemporaryRepository {
  const root = mkdtempSync(path.join(tmpdir(), 'schema-check-'));
  for (const dir of ['schema', 'clients/operations']) {
    cpSync(path.join(from, dir), path.join(root, dir), { recursive: true });
  }
  for (const entry of readdirSync(path.join(from, SUBGRAPHS_DIR), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const file of ['schema.graphql', 'subgraph.json']) {
      cpSync(
        path.join(from, SUBGRAPHS_DIR, entry.name, file),
        path.join(root, SUBGRAPHS_DIR, entry.name, file),
      );
    }
  }
  return {
    root,
    editSdl(subgraph, search, replacement) {
      const file = path.join(root, SUBGRAPHS_DIR, subgraph, 'schema.graphql');
      const sdl = readFileSync(file, 'utf8');
      if (!sdl.includes(search)) throw new Error(`${subgraph}'s SDL has no ${JSON.stringify(search)}`);
      writeFileSync(file, sdl.replace(search, replacement));
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

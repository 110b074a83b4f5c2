/**
 * Composes the subgraph SDLs into `schema/supergraph.graphql` (what the gateway serves) and
 * `schema/api.graphql` (the public API schema clients are typed against). `--check` only compares.
 */
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_PATH, API_SCHEMA_PATH } from '@platform/composition';

const check = process.argv.includes('--check');
const { supergraphSdl, apiSdl } = composeSupergraph();
let stale = false;
for (const [file, text] of [
  [SUPERGRAPH_PATH, supergraphSdl],
  [API_SCHEMA_PATH, apiSdl],
] as const) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current === text) continue;
  stale = true;
  if (!check) writeFileSync(file, text);
  console.log(`${check ? 'stale' : 'wrote'} ${file}`);
}
if (check && stale) process.exit(1);
if (!stale) console.log('supergraph up to date');

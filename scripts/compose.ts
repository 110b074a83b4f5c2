/**
 * Composes the subgraph SDLs into `schema/supergraph.graphql` (what the gateway serves) and
 * `schema/api.graphql` (the public API schema clients are typed against), and the Helm chart's copies
 * (scripts/chartFiles.ts). `--check` only compares the schemas.
 * Composition errors are printed as `subgraphs/<name>/schema.graphql:<line>:<col>: message`.
 */
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { composeSupergraph, CompositionError, SUPERGRAPH_PATH, API_SCHEMA_PATH } from '@platform/composition';
import { formatCompositionProblem } from '@platform/compositionProblems';
import { RegistryError } from '@platform/registry';
import { refreshChartFiles } from './chartFiles';

function compose() {
  try {
    return composeSupergraph();
  } catch (error) {
    if (error instanceof CompositionError) {
      for (const problem of error.problems) console.error(formatCompositionProblem(problem));
      console.error(`composition failed: ${error.problems.length} error(s); nothing written`);
      process.exit(1);
    }
    if (error instanceof RegistryError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const check = process.argv.includes('--check');
const { supergraphSdl, apiSdl } = compose();
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
// The Helm chart deploys the supergraph and the registered subgraphs: its copies follow.
if (!check) {
  void refreshChartFiles().then((files) => files.forEach((file) => console.log(`wrote ${file}`)));
}

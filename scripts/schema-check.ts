/**
 * `npm run schema:check [-- --against <api.graphql>] [--root <repository>]`: composes the subgraph
 * SDLs and lists every change of the public API against the published schema (the committed
 * `schema/api.graphql` by default) as BREAKING, DANGEROUS or SAFE, with the owning subgraph and, for
 * breaking ones, the device operations they break. Exits 1 on a breaking change or a composition
 * error (printed as `file:line:col: message`), 0 otherwise.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CompositionError } from '@platform/composition';
import { formatCompositionProblem } from '@platform/compositionProblems';
import { RegistryError } from '@platform/registry';
import { checkSchema } from '@platform/schemaCheck/check';
import { formatReport } from '@platform/schemaCheck/report';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { against: { type: 'string' }, root: { type: 'string' } },
    allowPositionals: false,
  });
  try {
    const report = await checkSchema({
      ...(values.root ? { root: path.resolve(values.root) } : {}),
      ...(values.against ? { against: values.against } : {}),
    });
    console.log(formatReport(report));
    return report.counts.BREAKING > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof CompositionError) {
      for (const problem of error.problems) console.error(formatCompositionProblem(problem));
      console.error(`composition failed: ${error.problems.length} error(s)`);
      return 1;
    }
    if (error instanceof RegistryError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(2);
  },
);

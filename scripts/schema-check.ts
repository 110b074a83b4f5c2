/**
 * `npm run schema:check [-- --base <ref> | --against <api.graphql> | --against-url <supergraph URL>]
 * [--root <repository>]`: composes the subgraph SDLs and lists every change of the public API against
 * the published one (lib/platform/schemaCheck/published.ts) as BREAKING, DANGEROUS or SAFE, with the
 * owning subgraph and, for breaking ones, the device operations they break. Published means, by
 * default, the base branch's `schema/api.graphql` at the merge base with `main` (`--base` names another
 * branch); `--against-url` (or `SUPERGRAPH_URL`) the supergraph a running gateway is given. Exits 1 on a
 * breaking change nobody approved (schema/approved-breaking-changes.txt) or a composition error (printed
 * as `file:line:col: message`), 0 otherwise; 2 when the published schema cannot be found.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CompositionError } from '@platform/composition';
import { formatCompositionProblem } from '@platform/compositionProblems';
import { REPOSITORY_ROOT } from '@platform/env';
import { RegistryError } from '@platform/registry';
import { ApprovalsError } from '@platform/schemaCheck/approvals';
import { checkSchema } from '@platform/schemaCheck/check';
import { publishedSchema, PublishedSchemaError, type PublishedSource } from '@platform/schemaCheck/published';
import { formatReport } from '@platform/schemaCheck/report';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      base: { type: 'string', default: 'main' },
      against: { type: 'string' },
      'against-url': { type: 'string' },
      root: { type: 'string' },
    },
    allowPositionals: false,
  });
  const root = values.root ? path.resolve(values.root) : REPOSITORY_ROOT;
  const url = values['against-url'] ?? process.env.SUPERGRAPH_URL;
  const source: PublishedSource = values.against
    ? { kind: 'file', file: path.resolve(values.against) }
    : url
      ? { kind: 'url', url }
      : { kind: 'base', ref: values.base! };
  try {
    const report = await checkSchema({ root, published: await publishedSchema(root, source) });
    console.log(formatReport(report));
    return report.unapproved > 0 ? 1 : 0;
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
    if (error instanceof PublishedSchemaError || error instanceof ApprovalsError) {
      console.error(error.message);
      return 2;
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

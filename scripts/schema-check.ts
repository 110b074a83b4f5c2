/**
 * `npm run schema:check [-- --base <ref> | --against <api.graphql> | --against-url <supergraph URL>]
 * [--usage <admin URL | store> [--usage-days 30]] [--root <repository>]`: composes the subgraph SDLs and lists every change of the public API against
 * the published one (lib/platform/schemaCheck/published.ts) as BREAKING, DANGEROUS or SAFE, with the
 * owning subgraph and, for breaking ones, the device operations they break. Published means, by
 * default, the base branch's `schema/api.graphql` at the merge base with `main` (`--base` names another
 * branch); `--against-url` (or `SUPERGRAPH_URL`) the supergraph a running gateway is given. Exits 1 on a
 * breaking change nobody approved (schema/approved-breaking-changes.txt) or a composition error (printed
 * as `file:line:col: message`), 0 otherwise; 2 when the published schema or the usage cannot be read.
 *
 * `--usage` weighs breaking changes with the field usage the gateway counted (a gateway's admin URL,
 * or its FIELD_USAGE_STORE: `redis://…`, `mongodb://…`, a directory) over the last `--usage-days`:
 * one some client used names the clients; one nobody used is safe to remove; deprecated fields are
 * listed with their remaining use.
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
import { readUsage, UsageSourceError } from '@platform/schemaCheck/usage';
import { checkedDays, UsageReportError } from '@platform/fieldUsage/report';
import { DEFAULT_RETENTION_DAYS } from '@platform/fieldUsage/usage';

function usageDays(given: string): number {
  if (!/^\d+$/.test(given))
    throw new UsageReportError(`--usage-days must be a number of days, not "${given}"`);
  return checkedDays(Number(given));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      base: { type: 'string', default: 'main' },
      against: { type: 'string' },
      'against-url': { type: 'string' },
      root: { type: 'string' },
      usage: { type: 'string' },
      'usage-days': { type: 'string', default: String(DEFAULT_RETENTION_DAYS) },
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
    const usage = values.usage ? await readUsage(values.usage, usageDays(values['usage-days']!)) : undefined;
    const report = await checkSchema({
      root,
      published: await publishedSchema(root, source),
      ...(usage && { usage }),
    });
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
    if (
      error instanceof PublishedSchemaError ||
      error instanceof ApprovalsError ||
      error instanceof UsageSourceError ||
      error instanceof UsageReportError
    ) {
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

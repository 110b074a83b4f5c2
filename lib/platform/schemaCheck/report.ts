/** The schema check's report as the terminal shows it: one line per change, then the operations it breaks. */
import { APPROVALS_FILE } from './approvals';
import type { CheckedChange, SchemaCheckReport } from './check';

const WIDTH = 'DANGEROUS'.length;

/**
 * ```
 * BREAKING  Title.durationSeconds (catalog): Field 'Title.durationSeconds' changed type from 'Int!' to 'String!'
 *           breaks clients/operations/Title.graphql (Title)
 * SAFE      Title.recommendationsNote (recommendations): Field 'recommendationsNote' was added to object type 'Title'
 * 1 breaking, 0 dangerous, 1 safe change against schema/api.graphql
 * ```
 */
export function formatReport(report: SchemaCheckReport): string {
  const lines = report.changes.flatMap(formatChange);
  const { BREAKING, DANGEROUS, SAFE } = report.counts;
  const total = BREAKING + DANGEROUS + SAFE;
  lines.push(
    total === 0
      ? `no change against ${report.against}`
      : `${BREAKING} breaking, ${DANGEROUS} dangerous, ${SAFE} safe change${total === 1 ? '' : 's'} against ${report.against}`,
  );
  if (BREAKING > report.unapproved)
    lines.push(`${BREAKING - report.unapproved} of them approved in ${APPROVALS_FILE}`);
  if (report.unapproved > 0) {
    lines.push(
      'Breaking changes fail devices already in the field: add the new shape beside the old one, deprecate, and remove only once no client sends it (docs/product-teams.md).',
    );
  }
  for (const coordinate of report.unusedApprovals) {
    lines.push(`${APPROVALS_FILE} approves ${coordinate}, which is no breaking change here: remove the line`);
  }
  return lines.join('\n');
}

function formatChange(change: CheckedChange): string[] {
  const owners = change.owners.length > 0 ? change.owners.join(', ') : 'no subgraph';
  const head = `${change.severity.padEnd(WIDTH)} ${change.coordinate} (${owners}): ${change.message}`;
  const indent = ' '.repeat(WIDTH + 1);
  if (change.severity !== 'BREAKING') return [head];
  if (change.approved !== undefined) return [head, `${indent}approved: ${change.approved}`];
  if (change.operations.length === 0)
    return [head, `${indent}no device operation in clients/operations uses it`];
  return [head, ...change.operations.map(({ file, operation }) => `${indent}breaks ${file} (${operation})`)];
}

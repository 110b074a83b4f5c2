/** The schema check's report as the terminal shows it: one line per change, then the operations it breaks. */
import { APPROVALS_FILE } from './approvals';
import type { ClientUsage } from '../fieldUsage/report';
import type { CheckedChange, SchemaCheckReport } from './check';
import type { Deprecation } from './usageVerdict';

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
  const lines = report.changes.flatMap((change) => formatChange(change, report.usage));
  for (const deprecation of report.deprecations ?? []) lines.push(...formatDeprecation(deprecation, report));
  const { BREAKING, DANGEROUS, SAFE } = report.counts;
  const total = BREAKING + DANGEROUS + SAFE;
  lines.push(
    total === 0
      ? `no change against ${report.against}`
      : `${BREAKING} breaking, ${DANGEROUS} dangerous, ${SAFE} safe change${total === 1 ? '' : 's'} against ${report.against}`,
  );
  if (report.usage) lines.push(usageLine(report.usage));
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

type Usage = NonNullable<SchemaCheckReport['usage']>;

const INDENT = ' '.repeat(WIDTH + 1);
/** Client versions named per coordinate; the rest are counted. */
const MAX_CLIENTS_LISTED = 10;

function formatChange(change: CheckedChange, usage: Usage | undefined): string[] {
  const owners = change.owners.length > 0 ? change.owners.join(', ') : 'no subgraph';
  const head = `${change.severity.padEnd(WIDTH)} ${change.coordinate} (${owners}): ${change.message}`;
  if (change.unused && usage)
    return [head, `${INDENT}unused by every client in the last ${days(usage)}: safe to remove`];
  if (change.severity !== 'BREAKING') return [head];
  if (change.approved !== undefined) return [head, `${INDENT}approved: ${change.approved}`];
  const lines = [
    head,
    ...change.operations.map(({ file, operation }) => `${INDENT}breaks ${file} (${operation})`),
  ];
  if (change.clients && usage) {
    lines.push(...clientLines(change.clients));
    if (change.clients.length === 0) lines.push(`${INDENT}${unprovenLine(usage)}`);
  } else if (change.operations.length === 0) {
    lines.push(`${INDENT}no device operation in clients/operations uses it`);
  }
  return lines;
}

function formatDeprecation(deprecation: Deprecation, report: SchemaCheckReport): string[] {
  const usage = report.usage!;
  const head = `DEPRECATED ${deprecation.coordinate}: ${deprecation.reason}`;
  if (deprecation.clients.length > 0) return [head, ...clientLines(deprecation.clients)];
  if (usage.covered)
    return [head, `${INDENT}unused by every client in the last ${days(usage)}: can be removed`];
  return [head, `${INDENT}${unprovenLine(usage)}`];
}

function clientLines(clients: readonly ClientUsage[]): string[] {
  const lines = clients
    .slice(0, MAX_CLIENTS_LISTED)
    .map(
      ({ client, version, count, lastDay }) =>
        `${INDENT}used by ${client}${version ? ` ${version}` : ''}: ${count} operation${count === 1 ? '' : 's'}, last on ${lastDay}`,
    );
  if (clients.length > MAX_CLIENTS_LISTED)
    lines.push(`${INDENT}and ${clients.length - MAX_CLIENTS_LISTED} more client versions`);
  return lines;
}

/** No use recorded, but the window is not recorded in full: not proof that nobody uses it. */
function unprovenLine(usage: Usage): string {
  return usage.recordedSince === null
    ? 'no field usage recorded at all: not proof that nobody uses it'
    : `no use recorded since ${usage.recordedSince}, when recording began: not yet the whole ${days(usage)}`;
}

function usageLine(usage: Usage): string {
  const since = usage.recordedSince === null ? 'nothing recorded' : `recorded since ${usage.recordedSince}`;
  return `field usage: the last ${days(usage)} (${usage.from} to ${usage.to}), ${since}`;
}

const days = (usage: Usage) => (usage.days === 1 ? 'day' : `${usage.days} days`);

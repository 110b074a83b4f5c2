/**
 * The run's table: one row per scenario and mode, as Markdown so the same text goes to the terminal
 * and into docs/simulation.md.
 */
import type { FleetMetrics } from './metrics';

export interface ReportRow extends FleetMetrics {
  scenario: string;
  baseline: boolean;
}

const COLUMNS: readonly [string, (row: ReportRow) => string][] = [
  ['scenario', (row) => row.scenario],
  ['mode', (row) => (row.baseline ? 'baseline' : 'resilient')],
  ['viewers', (row) => String(row.viewers)],
  ['playAttempts', (row) => String(row.playAttempts)],
  ['playStarts', (row) => String(row.playStarts)],
  ['startFailures', (row) => String(row.startFailures)],
  ['playbackStops', (row) => String(row.playbackStops)],
  ['rebufferRatio', (row) => `${(row.rebufferRatio * 100).toFixed(2)}%`],
  ['ttffMsP50', (row) => (row.ttffMsP50 === null ? '-' : String(Math.round(row.ttffMsP50)))],
  ['ttffMsP95', (row) => (row.ttffMsP95 === null ? '-' : String(Math.round(row.ttffMsP95)))],
  ['avgBitrateKbps', (row) => String(Math.round(row.avgBitrateKbps))],
  ['cdnFailovers', (row) => String(row.cdnFailovers)],
  ['wrongGrants', (row) => `${row.wrongGrants}/${row.refusalChecks}`],
  ['prefetchedStarts', (row) => `${row.prefetchedStarts}/${row.prefetchedPresses}`],
  [
    'startsInOutage',
    (row) =>
      row.outage
        ? `prefetched ${row.outage.prefetchedStarts}/${row.outage.prefetchedPresses}, ` +
          `other ${row.outage.otherStarts}/${row.outage.presses - row.outage.prefetchedPresses}`
        : '-',
  ],
];

/** A Markdown table, columns padded so it reads in a terminal as well. */
export function formatTable(rows: readonly ReportRow[]): string {
  const cells = [COLUMNS.map(([name]) => name), ...rows.map((row) => COLUMNS.map(([, cell]) => cell(row)))];
  const widths = COLUMNS.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)));
  const line = (values: readonly string[]) =>
    `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(' | ')} |`;
  return [
    line(cells[0]!),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

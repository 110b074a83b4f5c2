/**
 * What the store says about a window of days, in the shape the admin listener serves
 * (`GET /field-usage?days=30`), the schema check reads and the `usage` subgraph answers from.
 */
import { isDay, mergeRows, utcDay, windowStart, type FieldUsageStore } from './usage';

/** One client version's use of one coordinate over the window. */
export interface ClientUsage {
  client: string;
  version: string;
  /** Operations sent in the window that used the coordinate. */
  count: number;
  /** The last day (`YYYY-MM-DD`) one was sent. */
  lastDay: string;
}

export interface UsageReport {
  /** The window's length in days, ending today (UTC). */
  days: number;
  /** Its first and last day, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /**
   * The first day anything was recorded (null: never). After `from`, the window is not covered: a
   * coordinate with no use may still have been used before recording began.
   */
  recordedSince: string | null;
  /** Per coordinate, the client versions that used it, most operations first. */
  coordinates: Record<string, ClientUsage[]>;
}

export const MAX_REPORT_DAYS = 366;

export class UsageReportError extends Error {}

export function checkedDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_REPORT_DAYS) {
    throw new UsageReportError(`days must be a whole number from 1 to ${MAX_REPORT_DAYS}, not ${days}`);
  }
  return days;
}

export async function usageReport(
  store: FieldUsageStore,
  days: number,
  now: number = Date.now(),
): Promise<UsageReport> {
  const from = windowStart(checkedDays(days), now);
  const to = utcDay(now);
  const [rows, recordedSince] = await Promise.all([store.read(from, to), store.firstDay()]);
  const coordinates: Record<string, ClientUsage[]> = {};
  const byClient = new Map<string, ClientUsage>();
  for (const row of mergeRows(rows)) {
    const key = `${row.coordinate}\t${row.client}\t${row.version}`;
    const known = byClient.get(key);
    if (known) {
      known.count += row.count;
      if (row.day > known.lastDay) known.lastDay = row.day;
      continue;
    }
    const usage = { client: row.client, version: row.version, count: row.count, lastDay: row.day };
    byClient.set(key, usage);
    (coordinates[row.coordinate] ??= []).push(usage);
  }
  for (const list of Object.values(coordinates)) {
    list.sort(
      (a, b) => b.count - a.count || a.client.localeCompare(b.client) || a.version.localeCompare(b.version),
    );
  }
  return { days, from, to, recordedSince, coordinates };
}

/** Whether usage was recorded from the window's first day on, so that no use means none. */
export function coversWindow(report: Pick<UsageReport, 'from' | 'recordedSince'>): boolean {
  return report.recordedSince !== null && report.recordedSince <= report.from;
}

/** Reads a report served by a gateway's admin listener, checking its shape. */
export function parseUsageReport(value: unknown): UsageReport {
  const report = value as Partial<UsageReport> | null;
  const valid =
    typeof report === 'object' &&
    report !== null &&
    typeof report.days === 'number' &&
    typeof report.from === 'string' &&
    isDay(report.from) &&
    typeof report.to === 'string' &&
    isDay(report.to) &&
    (report.recordedSince === null ||
      (typeof report.recordedSince === 'string' && isDay(report.recordedSince))) &&
    typeof report.coordinates === 'object' &&
    report.coordinates !== null &&
    Object.values(report.coordinates).every(
      (list) =>
        Array.isArray(list) &&
        list.every(
          (usage: Partial<ClientUsage>) =>
            typeof usage.client === 'string' &&
            typeof usage.version === 'string' &&
            typeof usage.count === 'number' &&
            typeof usage.lastDay === 'string',
        ),
    );
  if (!valid) throw new UsageReportError('The answer is not a field usage report');
  return report as UsageReport;
}

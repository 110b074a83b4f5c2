/**
 * One coordinate's part of a usage report, in the shape `fieldUsage` answers: the report covers
 * every coordinate of the window (the store reads whole days), the analyst asked about one.
 */
import { coversWindow, type UsageReport } from '@platform/fieldUsage/report';
import type { FieldUsage } from '../__generated__/resolvers';

/**
 * GraphQL's Int is 32-bit: a count beyond it would fail the whole answer, so it is shown as the
 * largest Int instead (the SDL says so). Only a coordinate every play uses, over months, gets there.
 */
export const MAX_OPERATIONS = 2 ** 31 - 1;

const asInt = (count: number) => Math.min(count, MAX_OPERATIONS);

export function coordinateUsage(report: UsageReport, coordinate: string): FieldUsage {
  const used = report.coordinates[coordinate] ?? [];
  const operations = used.reduce((total, usage) => total + usage.count, 0);
  const covered = coversWindow(report);
  return {
    coordinate,
    days: report.days,
    from: report.from,
    to: report.to,
    recordedSince: report.recordedSince,
    coversWindow: covered,
    operations: asInt(operations),
    // Already most operations first, then by name and version (report.ts).
    clients: used.map((usage) => ({
      name: usage.client,
      version: usage.version,
      operations: asInt(usage.count),
      lastUsedOn: usage.lastDay,
    })),
    // Never "unused" on a partial window: no use since recording began proves nothing before it.
    unused: operations === 0 && covered,
  };
}

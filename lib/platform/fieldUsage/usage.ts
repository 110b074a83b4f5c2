/**
 * Field usage: how many operations each client sent that used a schema coordinate (`Title.synopsis`,
 * `Query.title.id`, `PlaybackQuality.UHD`), per UTC day. The gateway counts it (gateway/src/fieldUsage/),
 * a store keeps it for the retention window, and the schema check and the `usage` subgraph read it,
 * to tell a field still in use from one that can go.
 */

/** A count of one day, for one coordinate and one client version. */
export interface UsageRow {
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  coordinate: string;
  /** The `apollographql-client-name` the requests carried (see gateway/src/fieldUsage/client.ts). */
  client: string;
  /** Its `apollographql-client-version`, or "" when it sent none. */
  version: string;
  count: number;
}

/** Where the counts are kept: a directory, Redis or MongoDB (stores.ts opens one). */
export interface FieldUsageStore {
  /** Adds the rows' counts to what the store holds for the same day, coordinate and client. */
  add(rows: readonly UsageRow[]): Promise<void>;
  /** Every row of the days `from` to `to`, inclusive (`YYYY-MM-DD`), one per writer at most. */
  read(from: string, to: string): Promise<UsageRow[]>;
  /** The first day anything was recorded that is still kept, or null for an empty store. */
  firstDay(): Promise<string | null>;
  /** Forgets every day before `day`. */
  prune(day: string): Promise<void>;
  close(): Promise<void>;
}

/** How long counts are kept, and the window a check looks at, unless told otherwise. */
export const DEFAULT_RETENTION_DAYS = 30;

const DAY_MS = 86_400_000;

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The first day of a window of `days` days ending with the day of `now` (so 1 is today only). */
export function windowStart(days: number, now: number): string {
  return utcDay(now - (days - 1) * DAY_MS);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(value: string): boolean {
  return DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** One row per day, coordinate and client version: the counts of several writers added up. */
export function mergeRows(rows: Iterable<UsageRow>): UsageRow[] {
  const merged = new Map<string, UsageRow>();
  for (const row of rows) {
    const key = rowKey(row);
    const known = merged.get(key);
    if (known) known.count += row.count;
    else merged.set(key, { ...row });
  }
  return [...merged.values()];
}

/** `day`, coordinate, client and version, tab-separated: none of them holds a tab (client.ts). */
export function rowKey(row: Omit<UsageRow, 'count'>): string {
  return `${row.day}\t${row.coordinate}\t${row.client}\t${row.version}`;
}

export function rowFromKey(key: string, count: number): UsageRow | null {
  const [day, coordinate, client, version] = key.split('\t');
  if (day === undefined || coordinate === undefined || client === undefined || version === undefined)
    return null;
  return { day, coordinate, client, version, count };
}

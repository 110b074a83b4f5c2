/**
 * Field usage in Redis, shared by every gateway replica: a hash per day (`field-usage:<day>`, one
 * field per coordinate and client version, incremented with HINCRBY) that expires with the
 * retention, and a sorted set of the days recorded.
 */
import type { Redis } from 'ioredis';
import { isDay, rowFromKey, rowKey, type FieldUsageStore, type UsageRow } from './usage';

/** Where the keys live unless told: `field-usage:<day>` and `field-usage:days`. */
export const FIELD_USAGE_KEY_PREFIX = 'field-usage:';

/** HINCRBY for every field and count of ARGV after the first, then EXPIRE the hash by ARGV[1] seconds. */
const INCREMENT_ALL = `
for i = 2, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return #ARGV / 2`;

const ROWS_PER_SCRIPT = 1_000;

/** A day as a sortable number, `20261207`. */
const score = (day: string) => Number(day.replaceAll('-', ''));

export class RedisFieldUsageStore implements FieldUsageStore {
  private readonly days: string;

  constructor(
    private readonly redis: Redis,
    /** Each day's hash expires this many days after it was last written. */
    private readonly retentionDays: number,
    private readonly prefix = FIELD_USAGE_KEY_PREFIX,
  ) {
    this.days = `${prefix}days`;
  }

  async add(rows: readonly UsageRow[]): Promise<void> {
    if (rows.length === 0) return;
    const byDay = new Map<string, (string | number)[]>();
    for (const row of rows) {
      let fields = byDay.get(row.day);
      if (!fields) byDay.set(row.day, (fields = []));
      fields.push(rowKey(row), row.count);
    }
    const pipeline = this.redis.pipeline();
    for (const [day, fields] of byDay) {
      // A command per 1,000 rows rather than one HINCRBY per row: a flush of 4,000 rows cost the
      // gateway 95 ms of CPU pipelined row by row, most of it the client's per-command work
      // (docs/benchmarks.md); and no script holds Redis up for long.
      for (let start = 0; start < fields.length; start += 2 * ROWS_PER_SCRIPT) {
        const chunk = fields.slice(start, start + 2 * ROWS_PER_SCRIPT);
        pipeline.eval(INCREMENT_ALL, 1, this.prefix + day, (this.retentionDays + 1) * 86_400, ...chunk);
      }
      pipeline.zadd(this.days, score(day), day);
    }
    await execute(pipeline);
  }

  async read(from: string, to: string): Promise<UsageRow[]> {
    const days = (await this.redis.zrangebyscore(this.days, score(from), score(to))).filter(isDay);
    if (days.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const day of days) pipeline.hgetall(this.prefix + day);
    const hashes = (await execute(pipeline)) as Record<string, string>[];
    return hashes.flatMap((hash) =>
      Object.entries(hash).flatMap(([key, count]) => {
        const row = rowFromKey(key, Number(count));
        return row ? [row] : [];
      }),
    );
  }

  async firstDay(): Promise<string | null> {
    const [day] = await this.redis.zrange(this.days, 0, 0);
    return day ?? null;
  }

  async prune(before: string): Promise<void> {
    const old = await this.redis.zrangebyscore(this.days, '-inf', `(${score(before)}`);
    if (old.length === 0) return;
    await this.redis.del(...old.map((day) => this.prefix + day));
    await this.redis.zrem(this.days, ...old);
  }

  /** The connection belongs to whoever opened it (stores.ts, or the gateway's shared client). */
  async close(): Promise<void> {}
}

async function execute(pipeline: ReturnType<Redis['pipeline']>): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

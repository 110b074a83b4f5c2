/**
 * Field usage in Redis, shared by every gateway replica: a hash per day (`field-usage:<day>`, one
 * field per coordinate and client version, incremented with HINCRBY) that expires with the
 * retention, and a sorted set of the days recorded.
 */
import type { Redis } from 'ioredis';
import { isDay, rowFromKey, rowKey, type FieldUsageStore, type UsageRow } from './usage';

/** Where the keys live unless told: `field-usage:<day>` and `field-usage:days`. */
export const FIELD_USAGE_KEY_PREFIX = 'field-usage:';

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
    const pipeline = this.redis.pipeline();
    const days = new Set<string>();
    for (const row of rows) {
      pipeline.hincrby(this.prefix + row.day, rowKey(row), row.count);
      days.add(row.day);
    }
    for (const day of days) {
      pipeline.expire(this.prefix + day, (this.retentionDays + 1) * 86_400);
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

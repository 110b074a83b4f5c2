/**
 * Field usage in Redis, shared by every gateway replica: a hash per day (`field-usage:<day>`, one
 * field per coordinate and client version, incremented with HINCRBY) that expires with the
 * retention, and a sorted set of the days recorded.
 */
import type { Redis } from 'ioredis';
import { isDay, rowFromKey, rowKey, type FieldUsageStore, type UsageRow } from './usage';

const PREFIX = 'field-usage:';
const DAYS = `${PREFIX}days`;

/** A day as a sortable number, `20261207`. */
const score = (day: string) => Number(day.replaceAll('-', ''));

export class RedisFieldUsageStore implements FieldUsageStore {
  constructor(
    private readonly redis: Redis,
    /** Each day's hash expires this many days after it was last written. */
    private readonly retentionDays: number,
  ) {}

  async add(rows: readonly UsageRow[]): Promise<void> {
    if (rows.length === 0) return;
    const pipeline = this.redis.pipeline();
    const days = new Set<string>();
    for (const row of rows) {
      pipeline.hincrby(PREFIX + row.day, rowKey(row), row.count);
      days.add(row.day);
    }
    for (const day of days) {
      pipeline.expire(PREFIX + day, (this.retentionDays + 1) * 86_400);
      pipeline.zadd(DAYS, score(day), day);
    }
    await execute(pipeline);
  }

  async read(from: string, to: string): Promise<UsageRow[]> {
    const days = (await this.redis.zrangebyscore(DAYS, score(from), score(to))).filter(isDay);
    if (days.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const day of days) pipeline.hgetall(PREFIX + day);
    const hashes = (await execute(pipeline)) as Record<string, string>[];
    return hashes.flatMap((hash) =>
      Object.entries(hash).flatMap(([key, count]) => {
        const row = rowFromKey(key, Number(count));
        return row ? [row] : [];
      }),
    );
  }

  async firstDay(): Promise<string | null> {
    const [day] = await this.redis.zrange(DAYS, 0, 0);
    return day ?? null;
  }

  async prune(before: string): Promise<void> {
    const old = await this.redis.zrangebyscore(DAYS, '-inf', `(${score(before)}`);
    if (old.length === 0) return;
    await this.redis.del(...old.map((day) => PREFIX + day));
    await this.redis.zrem(DAYS, ...old);
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

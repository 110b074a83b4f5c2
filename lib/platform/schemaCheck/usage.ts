/**
 * The field usage a check weighs its changes with (`--usage`): a gateway's admin listener
 * (`http://127.0.0.1:9400`, whose `/field-usage` flushes that replica first) or the store itself
 * (`redis://…`, `mongodb://…` or a directory), as FIELD_USAGE_STORE names it.
 */
import { parseUsageReport, usageReport, type UsageReport } from '../fieldUsage/report';
import { existsSync } from 'node:fs';
import { fieldUsageStoreKind, openFieldUsageStore } from '../fieldUsage/stores';

export class UsageSourceError extends Error {
  override name = 'UsageSourceError';
}

const FETCH_TIMEOUT_MS = 10_000;

export async function readUsage(source: string, days: number): Promise<UsageReport> {
  if (/^https?:\/\//.test(source)) return fetchUsage(source, days);
  // A mistyped directory would read as "nothing recorded": say so instead.
  if (fieldUsageStoreKind(source) === 'directory' && !existsSync(source)) {
    throw new UsageSourceError(`No field usage directory at ${source} (FIELD_USAGE_STORE of the gateway)`);
  }
  const store = openFieldUsageStore(source);
  try {
    return await usageReport(store, days);
  } catch (error) {
    throw new UsageSourceError(`Cannot read field usage from ${source}: ${(error as Error).message}`);
  } finally {
    await store.close();
  }
}

/** The admin listener's report; `source` is its base URL or the full `/field-usage` URL. */
async function fetchUsage(source: string, days: number): Promise<UsageReport> {
  const url = new URL(source);
  if (!url.pathname.endsWith('/field-usage')) url.pathname = `${url.pathname.replace(/\/$/, '')}/field-usage`;
  url.searchParams.set('days', String(days));
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    throw new UsageSourceError(`Cannot read field usage from ${url}: ${(error as Error).message}`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const reason = (body as { error?: unknown } | undefined)?.error;
    throw new UsageSourceError(
      `Cannot read field usage from ${url}: HTTP ${response.status}${typeof reason === 'string' ? `, ${reason}` : ''}`,
    );
  }
  try {
    return parseUsageReport(body);
  } catch (error) {
    throw new UsageSourceError(`Cannot read field usage from ${url}: ${(error as Error).message}`);
  }
}

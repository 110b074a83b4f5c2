/**
 * The field usage store this subgraph answers from: the one the gateway writes, named by the same
 * `FIELD_USAGE_STORE` value. `off` opens nothing, so that `fieldUsage` can say usage is not
 * recorded instead of answering "no use" from an empty directory named "off".
 */
import path from 'node:path';
import { fieldUsageStoreKind, openFieldUsageStore } from '@platform/fieldUsage/stores';
import type { FieldUsageStore } from '@platform/fieldUsage/usage';

export const STORE_OFF = 'off';

/** The store `spec` names, or null when field usage is off. */
export function openUsageStore(spec: string, retentionDays: number): FieldUsageStore | null {
  return spec === STORE_OFF ? null : openFieldUsageStore(spec, { retentionDays });
}

/** The store as logged: `off`, `redis`, `mongodb` or the directory; never a URL, which may hold a password. */
export function describeStore(spec: string): string {
  if (spec === STORE_OFF) return STORE_OFF;
  const kind = fieldUsageStoreKind(spec);
  return kind === 'directory' ? `directory:${path.resolve(spec)}` : kind;
}

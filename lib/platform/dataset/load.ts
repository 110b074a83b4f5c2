import { readFileSync } from 'node:fs';
import path from 'node:path';
import { firstIssue } from '../firstIssue';
import { datasetSchema, type Dataset } from './model';

/** The bundled demo dataset: what `npm start` serves when `DATASET` is not set. */
export const DEMO_DATASET_PATH = path.resolve(__dirname, '../../../data/demo-dataset.json');

/** A dataset file that breaks the format (docs/play-contract.md); `message` names the first bad record. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

type Collection = keyof Dataset;

/**
 * Reads and validates a dataset file. Either the whole file is valid and returned, or a
 * {@link DatasetError} names the first bad record: callers seed nothing until this returns.
 */
export function loadDataset(file: string = DEMO_DATASET_PATH): Dataset {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DatasetError(`Cannot read dataset ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DatasetError(`Dataset ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseDataset(json, file);
}

/** Validates an already-parsed dataset (format, then references between records). */
export function parseDataset(json: unknown, source = 'dataset'): Dataset {
  const parsed = datasetSchema.safeParse(json);
  if (!parsed.success) {
    throw new DatasetError(`${source}: ${firstIssue(parsed.error, (at) => describeRecord(json, at))}`);
  }
  const problem = findReferenceProblem(parsed.data);
  if (problem) throw new DatasetError(`${source}: ${problem}`);
  return parsed.data;
}

/**
 * Where a validation issue is in a file of record lists: "titles[3] (id "t-42") field
 * encodings[1].codec", so the author can find the record. `idField` names a record (the device-model
 * table's is `model`).
 */
export function describeRecord(json: unknown, issuePath: readonly PropertyKey[], idField = 'id'): string {
  const [collection, index, ...rest] = issuePath;
  if (collection === undefined) return 'the top level';
  if (typeof index !== 'number') return `"${String(collection)}"`;
  const record = (json as Record<string, unknown[]>)[String(collection)]?.[index] as
    Record<string, unknown> | undefined;
  const name = record?.[idField];
  const recordId = typeof name === 'string' ? ` (${idField} "${name}")` : '';
  const field = rest.length
    ? ` field ${rest
        .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
        .join('')
        .replace(/^\./, '')}`
    : '';
  return `${String(collection)}[${index}]${recordId}${field}`;
}

/**
 * Most profiles one account may have, as streaming services allow: the gateway's cost estimate
 * counts on it (`Account.profiles` in gateway/src/operationLimits/settings.ts).
 */
export const MAX_PROFILES_PER_ACCOUNT = 5;

function findReferenceProblem(dataset: Dataset): string | undefined {
  for (const collection of ['users', 'profiles', 'titles', 'cdns'] as const satisfies Collection[]) {
    const seen = new Set<string>();
    for (const [index, record] of dataset[collection].entries()) {
      if (seen.has(record.id)) return `${collection}[${index}] (id "${record.id}"): duplicate id`;
      seen.add(record.id);
    }
  }
  const userIds = new Set(dataset.users.map((user) => user.id));
  const titleIds = new Set(dataset.titles.map((title) => title.id));
  const profilesPerUser = new Map<string, number>();
  for (const [index, profile] of dataset.profiles.entries()) {
    if (!userIds.has(profile.userId)) {
      return `profiles[${index}] (id "${profile.id}"): userId "${profile.userId}" is not a known user`;
    }
    const count = (profilesPerUser.get(profile.userId) ?? 0) + 1;
    if (count > MAX_PROFILES_PER_ACCOUNT) {
      return `profiles[${index}] (id "${profile.id}"): user "${profile.userId}" would have more than ${MAX_PROFILES_PER_ACCOUNT} profiles`;
    }
    profilesPerUser.set(profile.userId, count);
  }
  for (const [index, title] of dataset.titles.entries()) {
    const encodingIds = new Set<string>();
    for (const encoding of title.encodings) {
      if (encodingIds.has(encoding.id)) {
        return `titles[${index}] (id "${title.id}"): duplicate encoding id "${encoding.id}"`;
      }
      encodingIds.add(encoding.id);
    }
    if (
      title.windowStart &&
      title.windowEnd &&
      Date.parse(title.windowStart) >= Date.parse(title.windowEnd)
    ) {
      return `titles[${index}] (id "${title.id}"): windowStart must be before windowEnd`;
    }
  }
  for (const [index, entitlement] of dataset.entitlements.entries()) {
    if (!userIds.has(entitlement.userId)) {
      return `entitlements[${index}]: userId "${entitlement.userId}" is not a known user`;
    }
    if (!titleIds.has(entitlement.titleId)) {
      return `entitlements[${index}]: titleId "${entitlement.titleId}" is not a known title`;
    }
    if (entitlement.kind === 'RENTAL' && entitlement.expiresAt === null) {
      return `entitlements[${index}]: a RENTAL needs an expiresAt`;
    }
  }
  return undefined;
}

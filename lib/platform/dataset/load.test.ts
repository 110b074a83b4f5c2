import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_DATASET_PATH, DatasetError, loadDataset } from './load';
import type { Dataset } from './model';

/** A writable copy of the demo dataset that a test can break without affecting any other test. */
function demoCopy(): Dataset {
  return JSON.parse(readFileSync(DEMO_DATASET_PATH, 'utf8')) as Dataset;
}

/** Like {@link demoCopy}, but loosely typed so a test can write what the format forbids. */
function looseDemoCopy(): Record<string, Record<string, unknown>[]> {
  return JSON.parse(readFileSync(DEMO_DATASET_PATH, 'utf8')) as Record<string, Record<string, unknown>[]>;
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`The demo dataset has no record at index ${index}`);
  return item;
}

describe('loadDataset', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dataset-'));
  let fileCount = 0;

  function writeDataset(content: unknown): string {
    fileCount += 1;
    const file = path.join(dir, `dataset-${fileCount}.json`);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  function loadError(file: string): DatasetError {
    try {
      loadDataset(file);
    } catch (error) {
      if (error instanceof DatasetError) return error;
      throw error;
    }
    throw new Error(`${file} loaded although it is broken`);
  }

  it('loads the bundled demo dataset when no file is given', () => {
    const dataset = loadDataset();
    expect(dataset.users.map((user) => user.id)).toContain('u-premium');
    expect(dataset.titles.map((title) => title.id)).toContain('t-premium-4k');
    expect(dataset.cdns.length).toBeGreaterThan(0);
  });

  it('loads a valid copy of the demo dataset from another path unchanged', () => {
    const file = writeDataset(demoCopy());
    expect(loadDataset(file)).toEqual(demoCopy());
  });

  it('refuses a file that is not JSON and names the file', () => {
    const file = writeDataset('{ "users": [');
    const error = loadError(file);
    expect(error.name).toBe('DatasetError');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('refuses a missing file and names the file', () => {
    const file = path.join(dir, 'does-not-exist.json');
    const error = loadError(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/Cannot read dataset/);
  });

  it('refuses a JSON value that is not an object of collections', () => {
    expect(loadError(writeDataset([])).message).toMatch(/the top level/);
  });

  it('refuses an unknown top-level collection', () => {
    const dataset = { ...demoCopy(), devices: [] };
    expect(loadError(writeDataset(dataset)).message).toMatch(/devices/);
  });

  it('names the title, its id and the field when an encoding has a codec outside the enum', () => {
    const dataset = looseDemoCopy();
    const title = at(dataset.titles ?? [], 3);
    const encodings = title.encodings as Record<string, unknown>[];
    at(encodings, 0).codec = 'MPEG2';
    const error = loadError(writeDataset(dataset));
    expect(error.message).toContain(`titles[3] (id "${String(title.id)}")`);
    expect(error.message).toContain('encodings[0].codec');
  });

  it('names the user and the field when a required field is missing', () => {
    const dataset = looseDemoCopy();
    const user = at(dataset.users ?? [], 2);
    delete user.country;
    const error = loadError(writeDataset(dataset));
    expect(error.message).toContain(`users[2] (id "${String(user.id)}") field country`);
  });

  it('names the title when a date has no time zone', () => {
    const dataset = demoCopy();
    const title = at(dataset.titles, 5);
    title.windowStart = '2030-01-01T00:00:00';
    title.windowEnd = null;
    const error = loadError(writeDataset(dataset));
    expect(error.message).toContain(`titles[5] (id "${title.id}") field windowStart`);
  });

  it('names the entitlement when an expiry date has no time zone', () => {
    const dataset = demoCopy();
    at(dataset.entitlements, 1).expiresAt = '2099-01-01 00:00';
    expect(loadError(writeDataset(dataset)).message).toContain('entitlements[1] field expiresAt');
  });

  it('names the second title that reuses an id', () => {
    const dataset = demoCopy();
    const firstId = at(dataset.titles, 0).id;
    at(dataset.titles, 4).id = firstId;
    const error = loadError(writeDataset(dataset));
    expect(error.message).toContain(`titles[4] (id "${firstId}")`);
    expect(error.message).toMatch(/duplicate id/);
  });

  it('names the profile that would give an account more than five', () => {
    const dataset = demoCopy();
    const owner = at(dataset.profiles, 0).userId;
    const extra = [1, 2, 3, 4, 5].map((n) => ({ ...at(dataset.profiles, 0), id: `p-extra-${n}` }));
    const owned = dataset.profiles.filter((profile) => profile.userId === owner).length;
    dataset.profiles.push(...extra);
    const error = loadError(writeDataset(dataset));
    expect(error.message).toContain(`"p-extra-${6 - owned}"`);
    expect(error.message).toContain(`user "${owner}" would have more than 5 profiles`);
  });

  it('names a profile whose userId is not a known user', () => {
    const dataset = demoCopy();
    const profile = at(dataset.profiles, 1);
    profile.userId = 'u-nobody';
    const error = loadError(writeDataset(dataset));
    expect(error.message).toContain(`profiles[1] (id "${profile.id}")`);
    expect(error.message).toContain('u-nobody');
  });

  it('names an entitlement to a title that does not exist', () => {
    const dataset = demoCopy();
    at(dataset.entitlements, 2).titleId = 't-nowhere';
    const error = loadError(writeDataset(dataset));
    expect(error.message).toContain('entitlements[2]');
    expect(error.message).toContain('t-nowhere');
  });

  it('names an entitlement of a user that does not exist', () => {
    const dataset = demoCopy();
    at(dataset.entitlements, 0).userId = 'u-nobody';
    const error = loadError(writeDataset(dataset));
    expect(error.message).toContain('entitlements[0]');
    expect(error.message).toContain('u-nobody');
  });

  it('names a RENTAL that has no expiry', () => {
    const dataset = demoCopy();
    const index = dataset.entitlements.findIndex((entitlement) => entitlement.kind === 'RENTAL');
    at(dataset.entitlements, index).expiresAt = null;
    const error = loadError(writeDataset(dataset));
    expect(error.message).toContain(`entitlements[${index}]`);
    expect(error.message).toMatch(/RENTAL needs an expiresAt/);
  });

  it('names a title whose license window starts after it ends', () => {
    const dataset = demoCopy();
    const title = at(dataset.titles, 6);
    title.windowStart = '2031-01-01T00:00:00Z';
    title.windowEnd = '2030-01-01T00:00:00Z';
    const error = loadError(writeDataset(dataset));
    expect(error.message).toContain(`titles[6] (id "${title.id}")`);
    expect(error.message).toMatch(/windowStart must be before windowEnd/);
  });

  it('refuses a license window that starts and ends at the same instant', () => {
    const dataset = demoCopy();
    const title = at(dataset.titles, 6);
    title.windowStart = '2030-01-01T00:00:00Z';
    title.windowEnd = '2030-01-01T01:00:00+01:00';
    expect(loadError(writeDataset(dataset)).message).toContain(`titles[6] (id "${title.id}")`);
  });

  it('names the record and the key when a record has a field the format does not know', () => {
    const dataset = looseDemoCopy();
    const cdn = at(dataset.cdns ?? [], 2);
    cdn.weight = 3;
    const error = loadError(writeDataset(dataset));
    expect(error.message).toContain(`cdns[2] (id "${String(cdn.id)}")`);
    expect(error.message).toContain('weight');
  });

  it('names the user when a country code is in lower case', () => {
    const dataset = demoCopy();
    const user = at(dataset.users, 1);
    user.country = user.country.toLowerCase();
    const error = loadError(writeDataset(dataset));
    expect(error.message).toContain(`users[1] (id "${user.id}") field country`);
    expect(error.message).toMatch(/ISO 3166-1 alpha-2/);
  });

  it('names the CDN and the region index when a region is in lower case', () => {
    const dataset = demoCopy();
    const cdn = at(dataset.cdns, 0);
    cdn.regions = ['US', 'ca'];
    expect(loadError(writeDataset(dataset)).message).toContain(`cdns[0] (id "${cdn.id}") field regions[1]`);
  });

  it('names only the first bad record when several are broken', () => {
    const dataset = demoCopy();
    at(dataset.users, 0).country = 'us';
    at(dataset.users, 3).country = 'us';
    const error = loadError(writeDataset(dataset));
    expect(error.message).toContain('users[0]');
    expect(error.message).not.toContain('users[3]');
  });
});

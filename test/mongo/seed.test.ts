/**
 * `npm run seed`: validated like DATASET, idempotent, makes the database equal to the file, reports what
 * it wrote. Runs the real script against a real server.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPOSITORY_ROOT } from '@platform/env';
import { collection, SEEDED_COLLECTIONS } from '@platform/mongo/collections';
import { datasetDocuments, seedDatabase } from '@platform/mongo/seed';
import { contractDataset as dataset } from '../contract/contractDataset';
import { describeWithMongo, type TestDatabase } from '@testing/mongo';
import { Seed } from '@testing/seed';

const run = promisify(execFile);

/** Runs `npm run seed -- <file>` as a user would; resolves with its exit code and output. */
async function seedScript(uri: string, file: string) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(REPOSITORY_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/seed.ts', file],
      { cwd: REPOSITORY_ROOT, env: { ...process.env, MONGODB_URI: uri } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

async function contents(database: TestDatabase) {
  const collections: Record<string, unknown[]> = {};
  for (const name of SEEDED_COLLECTIONS) {
    collections[name] = await database.store.db.collection(name).find().sort({ _id: 1 }).toArray();
  }
  return collections;
}

describeWithMongo('seeding MongoDB from a dataset file', null, (database) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'seed-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a file that breaks the format, naming the bad record, and writes nothing', async () => {
    const file = path.join(dir, 'bad.json');
    const broken = structuredClone(dataset);
    (broken.titles[1]!.encodings[0] as { codec: string }).codec = 'MPEG2';
    writeFileSync(file, JSON.stringify(broken));

    const result = await seedScript(database.uri, file);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nothing was written.');
    expect(result.stderr).toContain('titles[1] (id "t-a") field encodings[0].codec');
    expect(await database.store.db.listCollections().toArray()).toEqual([]);
  });

  it('writes every record and reports the count per collection', async () => {
    const file = new Seed().account('u-1').profile('p-1', 'u-1').title('t-1').cdn('cdn-1').writeTo(dir);

    const result = await seedScript(database.uri, file);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/accounts\s+1 documents \(1 inserted, 0 updated, 0 removed\)/);
    expect(result.stdout).toMatch(/entitlements\s+0 documents/);
    expect(await database.store.db.collection('titles').countDocuments()).toBe(1);
  });

  it('leaves the same data when run twice, inserting and removing nothing the second time', async () => {
    await seedDatabase(database.store.db, dataset);
    const once = await contents(database);

    const again = await seedDatabase(database.store.db, dataset);

    expect(await contents(database)).toEqual(once);
    for (const name of SEEDED_COLLECTIONS) {
      expect(again[name]).toMatchObject({ documents: once[name]!.length, inserted: 0, removed: 0 });
    }
  });

  it('stores documents in the documented shapes', async () => {
    await seedDatabase(database.store.db, dataset);
    const expected = datasetDocuments(dataset);

    const stored = await contents(database);

    for (const name of SEEDED_COLLECTIONS) {
      const sorted = [...expected[name]].sort((a, b) => a._id.localeCompare(b._id));
      expect(stored[name]).toEqual(sorted);
    }
  });

  it('removes the records the file no longer has, so the database equals the file', async () => {
    await seedDatabase(database.store.db, dataset);
    const smaller = structuredClone(dataset);
    smaller.titles = smaller.titles.filter((title) => title.id !== 't-e');
    smaller.entitlements = smaller.entitlements.filter((record) => record.kind !== 'RENTAL');

    const report = await seedDatabase(database.store.db, smaller);

    expect(report.titles).toMatchObject({ documents: 4, removed: 1 });
    expect(report.entitlements).toMatchObject({ documents: 2, removed: 2 });
    expect(await collection(database.store.db, 'titles').countDocuments({ _id: 't-e' })).toBe(0);
  });

  it('creates the indexes the services query by', async () => {
    await seedDatabase(database.store.db, dataset);

    const names = async (collection: string) =>
      (await database.store.db.collection(collection).indexes()).map((index) => index.name);
    expect(await names('entitlements')).toContain('account_title');
    expect(await names('profiles')).toContain('account_profiles');
    expect(await names('titles')).toContain('genre_catalog_order');
  });
});

/**
 * `npm run seed -- <dataset.json>`: loads a dataset file (the format of docs/play-contract.md) into the
 * MongoDB database `MONGODB_URI` names, making its collections equal to the file. The file is validated
 * exactly as `DATASET` is, before anything connects: a bad file names its first bad record and writes
 * nothing.
 */
import { DatasetError, loadDataset } from '@platform/dataset/load';
import { openMongoStore } from '@platform/mongo/client';
import { seedDatabase } from '@platform/mongo/seed';

async function main(): Promise<number> {
  const file = process.argv[2];
  const uri = process.env.MONGODB_URI;
  if (!file) {
    process.stderr.write('Usage: MONGODB_URI=mongodb://host/db npm run seed -- <dataset.json>\n');
    return 2;
  }
  if (!uri) {
    process.stderr.write('MONGODB_URI is not set: say which database to seed (see docs/mongodb.md).\n');
    return 2;
  }
  let dataset;
  try {
    dataset = loadDataset(file);
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    process.stderr.write(`Nothing was written. ${error.message}\n`);
    return 1;
  }
  const store = openMongoStore(uri, { appName: 'streaming-seed', timeoutMs: 10_000 });
  try {
    const report = await seedDatabase(store.db, dataset);
    process.stdout.write(`Seeded database "${store.db.databaseName}" from ${file}:\n`);
    for (const [name, counts] of Object.entries(report)) {
      process.stdout.write(
        `  ${name.padEnd(12)} ${String(counts.documents).padStart(6)} documents` +
          ` (${counts.inserted} inserted, ${counts.updated} updated, ${counts.removed} removed)\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Seeding failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);

/**
 * A MongoDB database of its own for one test file, on the server `MONGODB_URI` points at (FerretDB in
 * CI, or a real MongoDB): created seeded, dropped afterwards. Without `MONGODB_URI` these suites are
 * not declared, and the test run says so plainly (jest.config.js).
 */
import { randomUUID } from 'node:crypto';
import type { CommandStartedEvent } from 'mongodb';
import type { Dataset } from '@platform/dataset/model';
import { openMongoStore, withDatabase, type MongoStore } from '@platform/mongo/client';
import { seedDatabase } from '@platform/mongo/seed';
import { describeWith } from './servers';

export interface TestDatabase {
  /** The seeded database; available from `beforeAll` on. */
  readonly store: MongoStore;
  /** A URI naming this database, for processes the test starts. */
  readonly uri: string;
  /** Commands the client sent since the last {@link resetCommands}, by name (such as "find"). */
  commands(name: string): CommandStartedEvent[];
  resetCommands(): void;
}

/** `describe`, on a fresh database seeded with `dataset` (or empty when null), when MongoDB is there. */
export function describeWithMongo(
  name: string,
  dataset: Dataset | null,
  body: (database: TestDatabase) => void,
): void {
  describeWith(['mongodb'], name, () => {
    const baseUri = process.env.MONGODB_URI!;
    const events: CommandStartedEvent[] = [];
    const uri = withDatabase(baseUri, `test_${randomUUID().replaceAll('-', '').slice(0, 16)}`);
    let store: MongoStore | undefined;
    const database: TestDatabase = {
      get store() {
        if (!store) throw new Error('The test database is opened in beforeAll');
        return store;
      },
      uri,
      commands: (commandName) => events.filter((event) => event.commandName === commandName),
      resetCommands: () => events.splice(0),
    };

    beforeAll(async () => {
      store = openMongoStore(uri, { appName: 'streaming-tests', monitorCommands: true, timeoutMs: 10_000 });
      store.client.on('commandStarted', (event) => events.push(event));
      if (dataset) await seedDatabase(store.db, dataset);
    });

    afterAll(async () => {
      await store?.db.dropDatabase();
      await store?.close();
    });

    body(database);
  });
}

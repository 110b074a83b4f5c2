/**
 * A MongoDB database of its own for one test file, on the server `MONGODB_URI` points at (FerretDB in
 * CI, or a real MongoDB): created seeded, dropped afterwards. Without `MONGODB_URI` the suites that need
 * it are skipped, and the test run says so plainly instead of passing silently.
 */
import { randomUUID } from 'node:crypto';
import type { CommandStartedEvent } from 'mongodb';
import type { Dataset } from '../../lib/dataset/model';
import { openMongoStore, withDatabase, type MongoStore } from '../../lib/mongo/client';
import { seedDatabase } from '../../lib/mongo/seed';

export interface TestDatabase {
  /** The seeded database; available from `beforeAll` on. */
  readonly store: MongoStore;
  /** A URI naming this database, for processes the test starts. */
  readonly uri: string;
  /** Commands the client sent since the last {@link resetCommands}, by name (such as "find"). */
  commands(name: string): CommandStartedEvent[];
  resetCommands(): void;
}

const SKIP_REASON =
  'MONGODB_URI is not set, so there is no MongoDB to test against. ' +
  '`.ci/run` starts FerretDB and sets it; or point it at any MongoDB (docs/mongodb.md).';

/**
 * `describe`, on a fresh database seeded with `dataset` (or empty when null). Skipped, with one warning
 * naming the suite and the reason, when `MONGODB_URI` is unset.
 */
export function describeWithMongo(
  name: string,
  dataset: Dataset | null,
  body: (database: TestDatabase) => void,
): void {
  const baseUri = process.env.MONGODB_URI || undefined;
  if (baseUri === undefined) {
    console.warn(`Skipped suite "${name}": ${SKIP_REASON}`);
    describe.skip(name, () => body(unreachable));
    return;
  }
  describe(name, () => {
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

/** What a skipped suite's body sees; its tests never run, so nothing reads it. */
const unreachable: TestDatabase = {
  get store(): MongoStore {
    throw new Error(SKIP_REASON);
  },
  uri: '',
  commands: () => [],
  resetCommands: () => undefined,
};

/**
 * The one way services, the seed and tests connect to MongoDB. Timeouts are short on purpose: a
 * database that is away must fail a read in about a second, so the subgraph's cache can serve a stale
 * copy (or the entitlement decision can say TEMPORARILY_UNAVAILABLE) instead of the request hanging.
 */
import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';
import type { Stoppable } from '../service';

/** The database used when the URI names none. */
export const DEFAULT_DATABASE = 'streaming';

/** Defaults to 1_500 (one and a half seconds). */
export const DEFAULT_MONGO_TIMEOUT_MS = 1_500;

export interface MongoConnectOptions {
  /**
   * Longest wait to find a server, to connect, and (as `maxTimeMS`) for the server to run one
   * operation; a socket silent for twice as long is closed. Defaults to {@link DEFAULT_MONGO_TIMEOUT_MS}.
   */
  timeoutMs?: number;
  /** Shows up in the server's logs and `currentOp`. */
  appName?: string;
  /** Emits `commandStarted` events, for tests that count round trips. Defaults to false. */
  monitorCommands?: boolean;
}

/** A connected database and what its repositories need to run one operation. */
export interface MongoStore {
  client: MongoClient;
  db: Db;
  /** `maxTimeMS` for every operation: the server gives up when the client would. */
  operationTimeoutMs: number;
  close(): Promise<void>;
}

const URI_PATTERN = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/([^?]*))?(\?.*)?$/;

/** The database a URI names (`mongodb://host/<name>`), or {@link DEFAULT_DATABASE}. */
export function databaseName(uri: string): string {
  const name = URI_PATTERN.exec(uri)?.[2];
  return name ? decodeURIComponent(name) : DEFAULT_DATABASE;
}

/** The same URI naming another database (tests use one database per file). */
export function withDatabase(uri: string, name: string): string {
  const match = URI_PATTERN.exec(uri);
  if (!match) throw new Error('MONGODB_URI must start with mongodb:// or mongodb+srv://');
  return `${match[1]}/${encodeURIComponent(name)}${match[3] ?? ''}`;
}

/**
 * A client with the short timeouts; nothing is sent until the first operation (or `connect()`). Its
 * calls on a request's behalf are spanned by the repositories that make them (spans.ts).
 */
export function createMongoClient(uri: string, options: MongoConnectOptions = {}): MongoClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_MONGO_TIMEOUT_MS;
  const settings: MongoClientOptions = {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs * 2,
    appName: options.appName ?? 'streaming-control-plane',
    monitorCommands: options.monitorCommands ?? false,
  };
  return new MongoClient(uri, settings);
}

/**
 * Opens the database `uri` names. Does not wait for the server: a subgraph starts (and serves what its
 * cache holds, or clear failures) while the database is away, and connects when it is back.
 *
 * The driver gives up on a client whose first connection fails: its topology stays closed and every
 * later operation fails with "Topology is closed", even once the server is back. So the store keeps
 * calling `connect()` in the background until one succeeds; after that the driver itself reconnects
 * through any later outage.
 */
export function openMongoStore(uri: string, options: MongoConnectOptions = {}): MongoStore {
  const client = createMongoClient(uri, options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_MONGO_TIMEOUT_MS;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = () => {
    client.connect().catch(() => {
      if (!closed) retry = setTimeout(connect, Math.min(timeoutMs, 1_000));
    });
  };
  connect();
  return {
    client,
    db: client.db(databaseName(uri)),
    operationTimeoutMs: timeoutMs,
    close: () => {
      closed = true;
      clearTimeout(retry);
      return client.close();
    },
  };
}

/** A service that closes its database connection after it stops serving (and drains, with its grace). */
export function stopsWithStore(service: Stoppable, store: MongoStore | null): Stoppable {
  if (store === null) return service;
  return {
    async stop(options) {
      await service.stop(options);
      await store.close();
    },
  };
}

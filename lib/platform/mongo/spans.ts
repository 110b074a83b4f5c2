/**
 * A client span for each call a repository sends MongoDB on a request's behalf, started by the
 * repository itself under the request's parent: the driver's command monitoring cannot know whose
 * command it sees now that no context is carried across `await`s (tracing/syncContext.ts). Named and
 * described as OpenTelemetry's database conventions say (`find titles`, `db.system.name`,
 * `db.operation.name`, `db.namespace`, `db.collection.name`, and `server.address`/`server.port` of
 * the server the client was given). The call's filter and documents are never recorded: they hold
 * accounts' data, and an operator needs the collection and the time, not the values.
 *
 * A span is named by the command the driver sends for the call (`countDocuments` sends `aggregate`),
 * and lasts as long as the caller waits for it. No parent, no span: work on nobody's behalf (the
 * journal's writes, a cache's background refresh) and processes that do not trace run the call bare.
 */
import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import type { MongoClient } from 'mongodb';
import { startSpan, type TraceParent } from '../tracing/spans';
import type { MongoStore } from './client';

/** `call`, which sends `operation` to `collection` of `store`, in a client span under `parent`. */
export async function mongoSpan<T>(
  parent: TraceParent,
  store: Pick<MongoStore, 'client' | 'db'>,
  operation: string,
  collection: string,
  call: () => Promise<T>,
): Promise<T> {
  if (!parent) return call();
  const span = startSpan(`${operation} ${collection}`, parent, {
    kind: SpanKind.CLIENT,
    attributes: {
      'db.system.name': 'mongodb',
      'db.operation.name': operation,
      'db.namespace': store.db.databaseName,
      'db.collection.name': collection,
      ...serverOf(store.client),
    },
  });
  try {
    return await call();
  } catch (error) {
    span.setAttribute('error.type', error instanceof Error ? error.name : typeof error);
    span.setStatus({
      code: SpanStatusCode.ERROR,
      ...(error instanceof Error && { message: error.message }),
    });
    throw error;
  } finally {
    span.end();
  }
}

const servers = new WeakMap<MongoClient, Attributes>();

/**
 * The server a client was given: the first host of its URI (its seed list's first member, a socket
 * path, or an SRV name). Worked out once per client.
 */
function serverOf(client: MongoClient): Attributes {
  let server = servers.get(client);
  if (!server) {
    const [first] = client.options.hosts;
    const address = first?.socketPath ?? first?.host ?? client.options.srvHost;
    server = {
      ...(address && { 'server.address': address }),
      ...(first?.port && { 'server.port': first.port }),
    };
    servers.set(client, server);
  }
  return server;
}

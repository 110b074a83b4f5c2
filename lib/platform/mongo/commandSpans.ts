/**
 * A client span for every command a MongoDB client sends, from the driver's own command monitoring
 * (no patching of the driver): named and described as OpenTelemetry's database conventions say
 * (`find titles`, `db.system.name`, `db.collection.name`, `db.operation.name`, `db.namespace`,
 * `server.address`), a child of whatever span was active when the code asked (a subgraph's request,
 * its entitlement decision). The command's filter and documents are never recorded: they hold
 * accounts' data, and an operator needs the collection and the time, not the values.
 */
import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent, MongoClient } from 'mongodb';

const tracer = trace.getTracer('streaming-control-plane');

/** Commands a client sends on its own (handshakes, monitoring), not on anyone's behalf. */
const HOUSEKEEPING = new Set([
  'hello',
  'isMaster',
  'ismaster',
  'ping',
  'endSessions',
  'saslStart',
  'saslContinue',
]);

/** Spans the client's commands; the client must be created with `monitorCommands: true`. */
export function traceCommands(client: MongoClient): void {
  // A command is known by its connection and request id until its answer (or failure) arrives.
  const open = new Map<string, Span>();
  const keyOf = (event: { connectionId?: unknown; requestId: number }) =>
    `${String(event.connectionId)}:${event.requestId}`;
  client.on('commandStarted', (event: CommandStartedEvent) => {
    if (HOUSEKEEPING.has(event.commandName)) return;
    const collection = event.command[event.commandName];
    const [host, port] = event.address.split(':');
    const span = tracer.startSpan(
      typeof collection === 'string' ? `${event.commandName} ${collection}` : event.commandName,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system.name': 'mongodb',
          'db.operation.name': event.commandName,
          'db.namespace': event.databaseName,
          ...(typeof collection === 'string' && { 'db.collection.name': collection }),
          'server.address': host,
          ...(port && { 'server.port': Number(port) }),
        },
      },
    );
    if (span.isRecording()) open.set(keyOf(event), span);
  });
  client.on('commandSucceeded', (event: CommandSucceededEvent) => {
    const span = open.get(keyOf(event));
    if (!span) return;
    open.delete(keyOf(event));
    span.end();
  });
  client.on('commandFailed', (event: CommandFailedEvent) => {
    const span = open.get(keyOf(event));
    if (!span) return;
    open.delete(keyOf(event));
    span.setAttribute('error.type', event.failure.name);
    span.setStatus({ code: SpanStatusCode.ERROR, message: event.failure.message });
    span.end();
  });
}

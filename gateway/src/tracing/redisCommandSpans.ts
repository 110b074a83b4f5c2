/**
 * A client span for every command the gateway's Redis client sends on a request's behalf (rate
 * limits, the shared entity cache, shared last good values), named and described as OpenTelemetry's
 * database conventions say (`GET`, `db.system.name`, `db.operation.name`, `db.namespace`,
 * `server.address`). ioredis has no command events, so this wraps the one client's `sendCommand`,
 * through which every command and every pipelined command passes, and the caller hands the request's
 * span over for the synchronous call (`withParent`, lib/platform/tracing/spans.ts); keys and values
 * are never recorded. A command sent on nobody's behalf (the client's own handshake, outside any
 * request) starts no trace. Installed only in a process that traces.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { startSpan } from '@platform/tracing/spans';
import type { Redis } from 'ioredis';

export function traceRedisCommands(redis: Redis): void {
  const send = redis.sendCommand.bind(redis);
  const { host, port, db } = redis.options;
  // A command queued while the client was offline passes again when it reconnects: one span is enough.
  const spanned = new WeakSet<object>();
  redis.sendCommand = (command, ...rest) => {
    const parent = context.active();
    if (!trace.getSpan(parent)?.isRecording() || spanned.has(command)) return send(command, ...rest);
    spanned.add(command);
    const span = startSpan(command.name.toUpperCase(), parent, {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'redis',
        'db.operation.name': command.name.toUpperCase(),
        'db.namespace': String(db ?? 0),
        ...(host && { 'server.address': host }),
        ...(port && { 'server.port': port }),
      },
    });
    command.promise.then(
      () => span.end(),
      (error: Error) => {
        span.setAttribute('error.type', error.name);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
        span.end();
      },
    );
    return send(command, ...rest);
  };
}

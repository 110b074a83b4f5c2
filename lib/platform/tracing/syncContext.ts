/**
 * OpenTelemetry's "active context", kept only while a `context.with` call runs synchronously: what
 * the call's code touches before its first `await` sees it, and nothing after.
 *
 * Why not Node's AsyncLocalStorage, which OpenTelemetry's SDK installs by default: on Node 20 it runs
 * a hook on every promise any code creates, traced or not, and a `play` creates thousands across six
 * servers; that alone cost 12% of a play's CPU (docs/benchmarks.md). So every span of this platform
 * takes its parent explicitly, from the request it belongs to (spans.ts), and this manager is only a
 * hand-off across one synchronous call into a library that reads the active span, such as the Redis
 * client's command spans (gateway/src/tracing/redisCommandSpans.ts) and log lines written inside it.
 */
import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';

export class SyncContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;

  active(): Context {
    return this.current;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    const previous = this.current;
    this.current = context;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }

  bind<T>(context: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const fn = target as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => this.with(context, fn, undefined, ...args)) as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }
}

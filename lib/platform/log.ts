/**
 * Structured logs: one JSON object per line on stdout, so the supervisor can prefix them and any
 * collector can parse them. Compatible with Apollo's Logger interface.
 */
import { context } from '@opentelemetry/api';
import { traceFields } from './traceIds';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(service: string, level: LogLevel = 'info'): Logger {
  const threshold = LEVELS[level];
  const write = (lvl: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[lvl] < threshold) return;
    // A line written for a traced request names its trace and span, so logs and traces meet: the
    // caller gives them (`traceFields` of the request's parent), or the synchronous hand-off does.
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level: lvl,
      service,
      message,
      ...traceFields(context.active()),
      ...fields,
    });
    (lvl === 'error' || lvl === 'warn' ? process.stderr : process.stdout).write(line + '\n');
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

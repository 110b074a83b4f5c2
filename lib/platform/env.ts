/**
 * Helpers for each service's `env.ts`: the only place a service reads `process.env`. Every problem
 * is reported at once (not just the first), then the process exits non-zero.
 */
import path from 'node:path';
import { z } from 'zod';

export const REPOSITORY_ROOT = path.resolve(__dirname, '../..');

export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv<Shape extends z.ZodRawShape>(
  shape: Shape,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<Shape>> {
  // An empty variable (`PORT=`) means "not set", not zero or an empty string.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = z.object(shape).safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${problems.join('\n')}`);
}

/** A TCP port from the environment, with a default. */
export const port = (defaultPort: number) => z.coerce.number().int().min(0).max(65535).default(defaultPort);

/**
 * A switch: `on` or `off`, read as true or false; `defaultValue` when the variable is not set. Only
 * those two words: `true`, `1` or `yes` is refused and named, never quietly read as one or the other.
 */
export const onOff = (defaultValue: 'on' | 'off') =>
  z
    .enum(['on', 'off'])
    .default(defaultValue)
    .transform((value) => value === 'on');

/** Settings every service shares. */
export const commonEnvShape = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Where development keys are generated and read. Never used in production. */
  KEYS_DIR: z.string().default(path.join(REPOSITORY_ROOT, '.keys')),
  /**
   * How long in-flight requests may take to finish once the service is told to stop (SIGTERM,
   * SIGINT). Defaults to 10_000 (ten seconds), below the thirty an orchestrator waits before SIGKILL.
   */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
};

/** Loads a settings module's value, or prints every problem and exits: for `index.ts` files only. */
export function orExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}

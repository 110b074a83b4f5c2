/**
 * What passes between the stack (lib/platform/stack.ts, the supervisor of `npm start` and the tests)
 * and the service processes it spawns with an IPC channel: the few messages a service sends it, the
 * one setting it passes down, and how each side notices the other is gone.
 */
import { z } from 'zod';

/** What a service tells its supervisor, over the IPC channel it was spawned with. */
export type SupervisorMessage =
  /** The port is held by another process and the service keeps retrying (a rolling restart). */
  | { kind: 'port-busy'; port: number }
  /** The service cannot listen and is about to exit non-zero. */
  | { kind: 'listen-failed'; port: number; reason: string }
  /** The service listens on its port. */
  | { kind: 'listening'; port: number };

const supervisorMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('port-busy'), port: z.number() }),
  z.object({ kind: z.literal('listen-failed'), port: z.number(), reason: z.string() }),
  z.object({ kind: z.literal('listening'), port: z.number() }),
]);

/** A message from a child, if it is one of {@link SupervisorMessage}; anything else is ignored. */
export function parseSupervisorMessage(message: unknown): SupervisorMessage | undefined {
  const parsed = supervisorMessageSchema.safeParse(message);
  return parsed.success ? parsed.data : undefined;
}

/** Sends `message` to the supervisor; nothing happens without one (a service started by hand). */
export function tellSupervisor(message: SupervisorMessage): void {
  if (process.send && process.connected) process.send(message);
}

/** The variable the supervisor sets on a replacement process during a rolling restart. */
export const LISTEN_RETRY_VARIABLE = 'LISTEN_RETRY_MS';

/**
 * How long `listen()` keeps retrying a port another process holds, from `LISTEN_RETRY_MS`: set by
 * the supervisor on a replacement it starts while the old process still serves. Defaults to 0 (a
 * port in use fails the start at once). Read here, once, like a service's `env.ts`: it is the
 * supervisor's setting, not the service's.
 */
export function listenRetryWindowMs(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .safeParse(env[LISTEN_RETRY_VARIABLE] || 0);
  return parsed.success ? parsed.data : 0;
}

/**
 * Calls `onGone` once when this process's parent exits (its `ppid` changes: the orphan is adopted by
 * init or a subreaper). A supervisor uses it so that killing whatever started it (`npm`, a shell
 * script) stops the whole tree, not just the supervisor. The timer does not keep the process alive.
 *
 * @param intervalMs how often the parent is checked. Defaults to 300.
 * @returns stops watching
 */
export function watchParentProcess(onGone: () => void, intervalMs = 300): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * "Which path ran": what an analyst's request may ask to see with the header `x-debug: plan,trace`.
 * `plan` adds the gateway's query plan (`extensions.queryPlan`); `trace` adds every subgraph fetch
 * with its subgraph, replica, response path, duration, attempts and outcome (`extensions.trace`).
 * Only analysts get them: a viewer's header is ignored, so a device can never be made to leak the
 * shape of the backend, and a device that sends it by mistake still gets its answer.
 */
import { hasRole, type Caller } from '@contracts/gatewayCredential';
import type { RequestDebug } from '../request/debug';

export const DEBUG_HEADER = 'x-debug';

/** The debug an `x-debug` header asks for, if the caller may have it; undefined otherwise. */
export function requestDebug(
  header: string | string[] | undefined,
  caller: Caller,
): RequestDebug | undefined {
  if (header === undefined || !hasRole(caller, 'analyst')) return undefined;
  const asked = new Set(
    [header]
      .flat()
      .flatMap((value) => value.split(','))
      .map((value) => value.trim().toLowerCase()),
  );
  if (!asked.has('plan') && !asked.has('trace')) return undefined;
  return { plan: asked.has('plan'), trace: asked.has('trace') ? [] : null };
}

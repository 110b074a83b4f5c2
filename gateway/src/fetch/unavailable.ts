/**
 * How the send at the end of the fetch pipeline says that no replica could answer: the one failure
 * the fallback stage answers with stand-ins. Anything else thrown is a bug and stays an error.
 */

/**
 * Why an attempt failed, for metrics and the `extensions.degraded` reason. `oversized`: over a fetch
 * cap, never sent; `refused`: the replica answered 4xx without a GraphQL body; `shed`: the replica
 * is overloaded and refused it unworked (lib/contracts/shedding.ts).
 */
export type FailureReason =
  'timeout' | 'deadline' | 'connection' | 'http_5xx' | 'shed' | 'circuit_open' | 'oversized' | 'refused';

export class SubgraphUnavailableError extends Error {
  override name = 'SubgraphUnavailableError';
  constructor(
    readonly reason: FailureReason,
    message: string,
    /**
     * Whether the replica's circuit counts this failure. False when the request caused it (see the
     * module comment) or already counted a failure against that replica.
     */
    readonly countsAgainstReplica = true,
  ) {
    super(message);
  }
}

/**
 * `playDecisions`, `playDecision` and `refusalCounts`: support's "why was this viewer refused?",
 * answered from the decisions the gateway records (lib/platform/decisions/record.ts). Every argument
 * is checked before the store is asked; a store that is off or failing is an error, never an empty
 * answer, which would read as "nothing was decided".
 */
import type { Logger } from '@platform/log';
import { type TraceParent } from '@platform/tracing/spans';
import { traceFields } from '@platform/traceIds';
import type { DecisionStore } from '@platform/decisions/record';
import type { QueryResolvers } from '../__generated__/resolvers';
import { requireAnalyst, unavailable } from './analystOnly';
import { countryArgument, idArgument, pageSizeArgument, windowArgument } from './decisionArguments';
import { decodeCursor, encodeCursor } from './decisionCursor';
import { playDecisionRecord, refusalCount } from './decisionRecord';

const REFUSAL = 'Play decisions need the analyst role';

/** The store, or the error that says decisions are not recorded at all. */
function recorded(decisions: DecisionStore | null): DecisionStore {
  if (!decisions) {
    throw unavailable(
      'Play decisions are not recorded on this platform (DECISION_STORE is "off"), so there is nothing to answer from; retrying will not help until the platform team sets DECISION_STORE for the gateway and the usage subgraph',
    );
  }
  return decisions;
}

/** What the store answers; its own message may name hosts or files: the log gets it, the analyst a sentence. */
async function read<T>(
  { logger, trace }: { logger: Logger; trace: TraceParent },
  query: string,
  ask: () => Promise<T>,
): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    logger.warn('decision store failed', { query, error: (error as Error).message, ...traceFields(trace) });
    throw unavailable('The decision store did not answer; try again in a minute');
  }
}

export const decisionQueries: Pick<QueryResolvers, 'playDecisions' | 'playDecision' | 'refusalCounts'> = {
  playDecisions: async (_parent, args, { caller, decisions, logger, trace }) => {
    requireAnalyst(caller, REFUSAL);
    const accountId = idArgument('accountId', args.accountId);
    const window = windowArgument(args.from, args.to);
    const first = pageSizeArgument(args.first);
    const after = args.after === null || args.after === undefined ? undefined : decodeCursor(args.after);
    const store = recorded(decisions);
    // One more than the page: whether it comes back says whether another page follows.
    const records = await read({ logger, trace }, 'playDecisions', () =>
      store.list({
        accountId,
        ...window,
        ...(args.reason && { reason: args.reason }),
        limit: first + 1,
        ...(after && { after }),
      }),
    );
    const edges = records.slice(0, first).map((record) => ({
      cursor: encodeCursor(record),
      node: playDecisionRecord(record),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: records.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  },

  playDecision: async (_parent, args, { caller, decisions, logger, trace }) => {
    requireAnalyst(caller, REFUSAL);
    const sessionId = idArgument('sessionId', args.sessionId);
    const store = recorded(decisions);
    const record = await read({ logger, trace }, 'playDecision', () => store.get(sessionId));
    return record && playDecisionRecord(record);
  },

  refusalCounts: async (_parent, args, { caller, decisions, logger, trace }) => {
    requireAnalyst(caller, REFUSAL);
    const country = countryArgument(args.country);
    const window = windowArgument(args.from, args.to);
    const store = recorded(decisions);
    const counts = await read({ logger, trace }, 'refusalCounts', () =>
      store.refusalCounts(country, window.from, window.to),
    );
    // Most first, as the store gives them; ties by reason, so that every store answers alike.
    return counts
      .map(refusalCount)
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  },
};

import { usageReport, type UsageReport } from '@platform/fieldUsage/report';
import { traceFields } from '@platform/traceIds';
import type { QueryResolvers } from '../__generated__/resolvers';
import { requireAnalyst, unavailable } from './analystOnly';
import { coordinateUsage } from './coordinateUsage';
import { decisionQueries } from './decisionQueries';
import { coordinateArgument, daysArgument } from './fieldUsageArguments';

export const Query: QueryResolvers = {
  fieldUsage: async (_parent, args, { caller, store, now, logger, trace }) => {
    requireAnalyst(caller, 'Field usage needs the analyst role');
    const coordinate = coordinateArgument(args.coordinate);
    const days = daysArgument(args.days);
    if (!store) {
      // Nothing is counted, so there is no answer, and certainly not "unused".
      throw unavailable(
        'Field usage is not recorded on this platform (FIELD_USAGE_STORE is "off"), so there is nothing to answer from; retrying will not help until the platform team sets FIELD_USAGE_STORE for the gateway and the usage subgraph',
      );
    }
    let report: UsageReport;
    try {
      report = await usageReport(store, days, now());
    } catch (error) {
      // The store's own message may name hosts or files: the log gets it, the analyst a sentence.
      logger.warn('field usage store failed', { error: (error as Error).message, ...traceFields(trace) });
      throw unavailable('The field usage store did not answer; try again in a minute');
    }
    return coordinateUsage(report, coordinate);
  },

  ...decisionQueries,
};

import { GraphQLError } from 'graphql';
import { hasRole } from '@contracts/gatewayCredential';
import { ErrorCode } from '@contracts/graphqlErrors';
import { usageReport, type UsageReport } from '@platform/fieldUsage/report';
import type { QueryResolvers } from '../__generated__/resolvers';
import { coordinateUsage } from './coordinateUsage';
import { coordinateArgument, daysArgument } from './fieldUsageArguments';

export const Query: QueryResolvers = {
  fieldUsage: async (_parent, args, { caller, store, now, logger }) => {
    // The gateway refuses anyone else first (`@access`); this is the second lock.
    if (!hasRole(caller, 'analyst')) {
      throw new GraphQLError('Field usage needs the analyst role', {
        extensions: { code: ErrorCode.Forbidden },
      });
    }
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
      logger.warn('field usage store failed', { error: (error as Error).message });
      throw unavailable('The field usage store did not answer; try again in a minute');
    }
    return coordinateUsage(report, coordinate);
  },
};

/** SUBGRAPH_UNAVAILABLE: the contract's code for "this service cannot answer this field" (no fallback). */
const unavailable = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.SubgraphUnavailable, subgraph: 'usage' } });

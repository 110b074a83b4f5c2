import type { DecisionStore } from '@platform/decisions/record';
import type { FieldUsageStore } from '@platform/fieldUsage/usage';
import type { SubgraphContext } from '@platform/subgraph/server';

export interface UsageContext extends SubgraphContext {
  /** The counts the gateway records; null when `FIELD_USAGE_STORE` is `off`. */
  store: FieldUsageStore | null;
  /** The play decisions the gateway records; null when `DECISION_STORE` is `off`. */
  decisions: DecisionStore | null;
  /** The clock the window ends on (its day is "today", UTC). */
  now: () => number;
}

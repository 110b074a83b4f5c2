import { describeDecisionStore, openDecisionStore } from '@platform/decisions/stores';
import { orExit } from '@platform/env';
import { createLogger } from '@platform/log';
import { DEFAULT_ADMISSION } from '@platform/overload/admission';
import { runService } from '@platform/service';
import { subgraphCallers } from '@platform/subgraph/credential';
import { loadUsageEnv } from './env';
import { createUsageServer } from './server';
import { describeStore, openUsageStore } from './store';

const env = orExit(() => loadUsageEnv());
const logger = createLogger('usage', env.LOG_LEVEL);

runService('usage', { logger, shutdownGraceMs: env.SHUTDOWN_GRACE_MS }, async () => {
  // Keys first: a process refused for its keys has opened no connection.
  const credentialVerifier = await subgraphCallers('usage', env);
  // Opening does not wait for Redis or MongoDB (a directory is only read when asked): a store that is
  // away fails an analyst's query, never this process's start.
  const store = openUsageStore(env.FIELD_USAGE_STORE, env.FIELD_USAGE_RETENTION_DAYS);
  const decisions = openDecisionStore(env.DECISION_STORE, { retentionDays: env.DECISION_RETENTION_DAYS });
  const server = createUsageServer({
    store,
    decisions,
    credentialVerifier,
    logger,
    production: env.NODE_ENV === 'production',
    ...(env.LOAD_SHEDDING && { loadShedding: DEFAULT_ADMISSION }),
  });
  await server.start(env.USAGE_PORT, env.HOST);
  logger.info('store', {
    store: describeStore(env.FIELD_USAGE_STORE),
    decisions: describeDecisionStore(env.DECISION_STORE),
  });
  return {
    // The server first, so that no query is left reading from a closed store.
    async stop(options) {
      await server.stop(options);
      await Promise.all([store?.close(), decisions?.close()]);
    },
  };
});

/**
 * Records every decision a request makes (`play`, `prefetch`, `startPlayback`) once its answer is
 * ready: the record is built from what the gateway already holds and handed to the recorder's
 * buffer, so the play waits on nothing.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@platform/log';
import { spanContextOf, traceFields } from '@platform/traceIds';
import type { GatewayContext } from '../request/context';
import { decisionRecord, type PlayAnswer } from './decisionRecord';
import { playAsked, playFieldsOf, type PlayField } from './playFields';
import type { DecisionRecorder } from './recorder';

export function decisionRecordPlugin(
  recorder: DecisionRecorder,
  logger: Logger,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const traceId = spanContextOf(contextValue.trace?.request)?.traceId ?? null;
      let fields: PlayField[] = [];
      return {
        async didResolveOperation({ schema, operation, contextValue }) {
          if (!operation || !recorder.recording) return;
          fields = playFieldsOf(schema, operation);
          if (fields.length > 0) contextValue.playEvidence = new Map();
        },
        async willSendResponse({ response, request, contextValue }) {
          const evidence = contextValue.playEvidence;
          if (!evidence || response.body.kind !== 'single') return;
          const data = response.body.singleResult.data as Record<string, unknown> | null | undefined;
          if (!data) return;
          try {
            for (const field of fields) {
              const asked = playAsked(field, request.variables ?? {});
              const answer = data[field.responseKey] as PlayAnswer | null | undefined;
              if (!asked || !answer) continue;
              const record = decisionRecord({
                field,
                asked,
                answer,
                caller: contextValue.caller,
                evidence,
                degraded: contextValue.fallback.degraded,
                traceId,
                at: new Date(),
              });
              if (record) recorder.add(record);
            }
          } catch (error) {
            // A record that cannot be built costs that record, never the answer.
            logger.error('decision record not built', {
              error: (error as Error).message,
              ...traceFields(contextValue.trace?.request),
            });
          }
        },
      };
    },
  };
}

/**
 * Counts every operation that resolved (parsed, validated, its operation chosen) for field usage,
 * whatever happens to it next: a device that sends a field relies on it even when this request was
 * refused for its rate or its role.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../request/context';
import { CLIENT_NAME_HEADER, CLIENT_VERSION_HEADER, clientIdentity } from './client';
import type { FieldUsageRecorder } from './recorder';

export function fieldUsagePlugin(recorder: FieldUsageRecorder): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const headers = request.http?.headers;
          const client = clientIdentity(
            headers?.get(CLIENT_NAME_HEADER),
            headers?.get(CLIENT_VERSION_HEADER),
            contextValue.trustedDocument === true,
          );
          recorder.record(schema, document, operation, client);
        },
      };
    },
  };
}

import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@contracts/graphqlErrors';

const badRequest = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BadRequest, http: { status: 400 } } });

/**
 * Answers a client's mistakes in choosing the operation with HTTP 400 instead of the 500 Apollo
 * Server gives when the gateway cannot execute what it was sent: an `operationName` the document
 * does not define, several operations without an `operationName`, and a subscription (the gateway
 * serves queries and mutations over HTTP only). Runs in `didResolveOperation`, before planning.
 */
export function operationMistakesPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            throw badRequest(
              request.operationName
                ? `Unknown operation named "${request.operationName}".`
                : 'Must provide operation name if query contains multiple operations.',
            );
          }
          if (operation.operation === 'subscription') {
            throw badRequest('Subscriptions are not served over HTTP: send a query or a mutation.');
          }
        },
      };
    },
  };
}

/**
 * What Apollo's gateway hands a data source for one fetch of a client request, for tests that call
 * `process` themselves. Data sources read the context, the request, the document and the path; the
 * client request's context is Apollo's and stays empty here.
 */
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { parse } from 'graphql';
import type { GatewayContext } from '../../gateway/src/request/context';

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

/** The package exports the kinds' enum only from a file inside `dist`; its value is this string. */
const INCOMING_OPERATION = 'incoming operation' as Options['kind'];

export function incomingFetchOptions(
  query: string,
  variables: Record<string, unknown>,
  context: GatewayContext,
  pathInIncomingRequest: (string | number)[] = [],
): Options {
  return {
    kind: INCOMING_OPERATION,
    request: { query, variables },
    context,
    document: parse(query),
    pathInIncomingRequest,
    incomingRequestContext: {} as unknown as GatewayGraphQLRequestContext<GatewayContext>,
  } as Options;
}

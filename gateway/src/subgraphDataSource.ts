import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GATEWAY_CREDENTIAL_HEADER, type GatewayCredentialIssuer } from '@contracts/gatewayCredential';
import type { GatewayContext } from './context';

/**
 * The plain client (`SUBGRAPH_CLIENT=plain`): Apollo's RemoteGraphQLDataSource to one replica, with
 * the gateway credential and nothing else (no deadline, breaker or fallback). It exists as the
 * baseline the benchmarks compare the resilient client against; never use it in production.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly credentials: GatewayCredentialIssuer,
  ) {
    // Node's own fetch (undici) keeps connections to each subgraph alive and pooled; the default
    // fetcher (make-fetch-happen) costs several times more CPU per subgraph request.
    super({ url, fetcher: fetch as unknown as Fetcher });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    // Health checks and schema loads have no request context; they act as an anonymous caller.
    const caller =
      'caller' in context && context.caller ? context.caller : { accountId: null, country: null };
    request.http!.headers.set(GATEWAY_CREDENTIAL_HEADER, await this.credentials.credentialFor(caller));
  }
}

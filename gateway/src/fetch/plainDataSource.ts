import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import {
  GATEWAY_CREDENTIAL_HEADER,
  type Caller,
  type SubgraphCredentialSigner,
} from '@contracts/gatewayCredential';
import type { GatewayContext } from '../request/context';
import { ANONYMOUS } from './dataSource';

/**
 * The plain client (`SUBGRAPH_CLIENT=plain`): Apollo's RemoteGraphQLDataSource to one replica, with
 * the gateway credential and nothing else (no deadline, breaker or fallback). It exists as the
 * baseline the benchmarks compare the resilient client against; never use it in production.
 */
export class PlainDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /**
   * The caller of the fetch being sent. The credential is bound to the body, which Apollo serialises
   * only after `willSendRequest`, so it is signed in the fetcher, which sees the body but no context.
   */
  private readonly callers: AsyncLocalStorage<Caller>;

  constructor(url: string, credentials: SubgraphCredentialSigner) {
    const callers = new AsyncLocalStorage<Caller>();
    // Node's own fetch (undici) keeps connections to each subgraph alive and pooled; the default
    // fetcher (make-fetch-happen) costs several times more CPU per subgraph request.
    const signingFetch = async (input: string, init: FetcherRequestInit = {}) => {
      const body = typeof init.body === 'string' ? init.body : '';
      const credential = credentials.credentialFor(callers.getStore() ?? ANONYMOUS, body);
      return fetch(input, { ...init, headers: { ...init.headers, [GATEWAY_CREDENTIAL_HEADER]: credential } });
    };
    super({ url, fetcher: signingFetch as unknown as Fetcher });
    this.callers = callers;
  }

  override process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    // Health checks and schema loads have no request context; they act as an anonymous caller.
    const { context } = options;
    const caller = 'caller' in context && context.caller ? context.caller : ANONYMOUS;
    return this.callers.run(caller, () => super.process(options));
  }
}

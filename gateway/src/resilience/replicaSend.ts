/**
 * The end of the fetch pipeline: the fetch as the subgraph receives it (its body, and a gateway
 * credential signed for the caller and bound to that body, so a credential captured on the way cannot
 * carry another request), sent through the replica pool (deadline, circuit breakers, failover, and
 * retries for what may be repeated: queries and `_entities`).
 */
import { GATEWAY_CREDENTIAL_HEADER, type SubgraphCredentialSigner } from '@contracts/gatewayCredential';
import { REQUEST_CLASS_HEADER } from '@contracts/shedding';
import { DECISION_EVIDENCE_HEADER } from '@contracts/decisionNotes';
import { representationsOf, type FetchHandler, type SubgraphAnswer } from '../fetch/pipeline';
import { hintOf } from '../fetch/responseFreshness';
import type { ReplicaPool } from './replicaPool';

export function replicaSend(
  pool: Pick<ReplicaPool, 'send'>,
  credentials: SubgraphCredentialSigner,
): FetchHandler {
  return async (fetch) => {
    const { shape } = fetch;
    const body = JSON.stringify({
      query: fetch.query,
      variables: fetch.variables,
      operationName: fetch.operationName,
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [GATEWAY_CREDENTIAL_HEADER]: credentials.credentialFor(fetch.caller, body),
      // So that an overloaded subgraph sheds the same requests first as the gateway does.
      ...(fetch.requestClass && { [REQUEST_CLASS_HEADER]: fetch.requestClass }),
      // The request's decisions are recorded: their evidence is asked for.
      ...(fetch.evidence && { [DECISION_EVIDENCE_HEADER]: 'on' }),
    };
    const retryable = shape.kind === 'entities' || shape.operation === 'query';
    const answer = await pool.send(body, headers, retryable, {
      countedFailures: fetch.countedFailures,
      attempted: fetch.attempted,
      items: shape.kind === 'entities' ? representationsOf(fetch).length : shape.fields.length,
      traceParent: fetch.traceParent,
    });
    fetch.freshness?.(hintOf(answer.cacheControl));
    return answer.body as SubgraphAnswer;
  };
}

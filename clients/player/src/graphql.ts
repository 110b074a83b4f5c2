/**
 * The smallest GraphQL-over-HTTP client the player needs: one POST with the injected `fetch`, naming a
 * trusted document by id (`src/__generated__/documentIds.ts`) instead of sending its text, so a
 * gateway that runs only trusted documents (`TRUSTED_DOCUMENTS=enforce`, docs/security.md) runs it.
 */
import type { Fetch } from './clock';
import type { GatewayList } from './gateways';
import { newTraceContext } from './traceContext';

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string };
}

export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';
  constructor(
    message: string,
    /** HTTP status, when the gateway answered at all. */
    readonly status: number | null,
    readonly errors: GraphQLErrorShape[] = [],
    /** The request's trace id (its `traceparent`): what to quote when asking why it failed. */
    readonly traceId: string | null = null,
  ) {
    super(message);
  }

  /** The first error's `extensions.code`, if any. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export interface GraphQLEndpoint {
  fetch: Fetch;
  /** The gateways' origins, such as `https://api.example.net`; GraphQL is at `/graphql`. */
  gateways: GatewayList;
  /** Headers for every request (authorization), asked for each time so tokens can refresh. */
  headers: () => Promise<Record<string, string>>;
  /** Deadline of one request in wall ms. Defaults to 10_000. */
  timeoutMs?: number;
}

/**
 * The app sending the requests, as the gateway's field usage counts it (`apollographql-client-name`
 * and `-version`): the schema check names the app versions that still use a field before anyone
 * removes it. An app passes its own; this SDK's otherwise.
 */
export interface ClientIdentity {
  name: string;
  version: string;
}

/** This SDK, when the app names none; the version is the package's (checked by graphql.test.ts). */
export const PLAYER_CLIENT: ClientIdentity = { name: 'streaming-player', version: '0.1.0' };

export function clientHeaders(client: ClientIdentity): Record<string, string> {
  return { 'apollographql-client-name': client.name, 'apollographql-client-version': client.version };
}

/**
 * Which requests a gateway under overload may refuse first (its `x-request-class` header):
 * `critical`, a viewer's start or end of playback, last; `browse`, everything else, first.
 */
export type RequestClass = 'critical' | 'prefetch' | 'browse';
export const REQUEST_CLASS_HEADER = 'x-request-class';

/**
 * Sends one trusted document, `{ documentId, variables }`, as `requestClass` (defaults to `browse`);
 * resolves `data` once its `rootField` is there, throws {@link GraphQLRequestError} otherwise. Errors
 * beside a present root field are partial data, as GraphQL means them: a `play` whose `title` failed
 * still carries its decision, and the decision is what the viewer needs.
 *
 * A gateway that cannot answer (unreachable, timed out, HTTP 5xx including an overloaded one's 503,
 * an answer that is not JSON) is set aside and the next one is tried; the error thrown when none
 * answered is the last one's. Any other answer is final: a refusal or a 4xx is the same everywhere.
 */
export async function sendGraphQL<Data>(
  endpoint: GraphQLEndpoint,
  documentId: string,
  variables: Record<string, unknown>,
  rootField: keyof Data & string,
  requestClass: RequestClass = 'browse',
): Promise<Data> {
  const body = JSON.stringify({ documentId, variables });
  let failure: GraphQLRequestError | null = null;
  for (const gatewayUrl of endpoint.gateways.order()) {
    const answer = await sendTo<Data>(endpoint, gatewayUrl, body, requestClass);
    if (answer.kind === 'unanswered') {
      endpoint.gateways.failed(gatewayUrl);
      failure = answer.error;
      continue;
    }
    endpoint.gateways.answered(gatewayUrl);
    const { data, errors } = answer.body;
    if (!data || data[rootField] === null || data[rootField] === undefined) {
      const message = errors?.[0]?.message ?? `HTTP ${answer.status} without data`;
      throw new GraphQLRequestError(message, answer.status, errors ?? [], answer.traceId);
    }
    return data;
  }
  throw failure!;
}

type Answer<Data> =
  | {
      kind: 'answered';
      status: number;
      body: { data?: Data | null; errors?: GraphQLErrorShape[] };
      traceId: string;
    }
  | { kind: 'unanswered'; error: GraphQLRequestError };

/** One attempt at one gateway, in a trace of its own. */
async function sendTo<Data>(
  endpoint: GraphQLEndpoint,
  gatewayUrl: string,
  body: string,
  requestClass: RequestClass,
): Promise<Answer<Data>> {
  const trace = newTraceContext();
  const unanswered = (
    message: string,
    status: number | null,
    errors: GraphQLErrorShape[] = [],
  ): Answer<Data> => ({
    kind: 'unanswered',
    error: new GraphQLRequestError(message, status, errors, trace.traceId),
  });
  let response: Response;
  try {
    response = await endpoint.fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: trace.traceparent,
        [REQUEST_CLASS_HEADER]: requestClass,
        ...(await endpoint.headers()),
      },
      body,
      signal: AbortSignal.timeout(endpoint.timeoutMs ?? 10_000),
    });
  } catch (error) {
    return unanswered(`The gateway is unreachable: ${(error as Error).message}`, null);
  }
  let parsed: { data?: Data | null; errors?: GraphQLErrorShape[] };
  try {
    parsed = (await response.json()) as typeof parsed;
  } catch {
    return unanswered(`The gateway answered HTTP ${response.status} without JSON`, response.status);
  }
  if (response.status >= 500) {
    return unanswered(
      parsed.errors?.[0]?.message ?? `HTTP ${response.status}`,
      response.status,
      parsed.errors,
    );
  }
  return { kind: 'answered', status: response.status, body: parsed, traceId: trace.traceId };
}

/**
 * The smallest GraphQL-over-HTTP client the player needs: one POST with the injected `fetch`, naming a
 * trusted document by id (`src/__generated__/documentIds.ts`) instead of sending its text, so a
 * gateway that runs only trusted documents (`TRUSTED_DOCUMENTS=enforce`, docs/security.md) runs it.
 */
import type { Fetch } from './clock';
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
  /** The gateway's origin, such as `https://api.example.net`; GraphQL is at `/graphql`. */
  gatewayUrl: string;
  /** Headers for every request (authorization), asked for each time so tokens can refresh. */
  headers: () => Promise<Record<string, string>>;
  /** Deadline of one request in wall ms. Defaults to 10_000. */
  timeoutMs?: number;
}

/**
 * Which requests a gateway under overload may refuse first (its `x-request-class` header):
 * `critical`, a viewer's start or end of playback, last; `browse`, everything else, first.
 */
export type RequestClass = 'critical' | 'prefetch' | 'browse';
export const REQUEST_CLASS_HEADER = 'x-request-class';

/**
 * Sends one trusted document, `{ documentId, variables }`, as `requestClass` (defaults to `browse`); resolves `data` once its `rootField` is there, throws
 * {@link GraphQLRequestError} otherwise. Errors beside a present root field are partial data, as
 * GraphQL means them: a `play` whose `title` failed still carries its decision, and the decision
 * is what the viewer needs.
 */
export async function sendGraphQL<Data>(
  endpoint: GraphQLEndpoint,
  documentId: string,
  variables: Record<string, unknown>,
  rootField: keyof Data & string,
  requestClass: RequestClass = 'browse',
): Promise<Data> {
  let response: Response;
  const trace = newTraceContext();
  try {
    response = await endpoint.fetch(`${endpoint.gatewayUrl.replace(/\/+$/, '')}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: trace.traceparent,
        [REQUEST_CLASS_HEADER]: requestClass,
        ...(await endpoint.headers()),
      },
      body: JSON.stringify({ documentId, variables }),
      signal: AbortSignal.timeout(endpoint.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new GraphQLRequestError(
      `The gateway is unreachable: ${(error as Error).message}`,
      null,
      [],
      trace.traceId,
    );
  }
  let body: { data?: Data | null; errors?: GraphQLErrorShape[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GraphQLRequestError(
      `The gateway answered HTTP ${response.status} without JSON`,
      response.status,
      [],
      trace.traceId,
    );
  }
  if (!body.data || body.data[rootField] === null || body.data[rootField] === undefined) {
    const message = body.errors?.[0]?.message ?? `HTTP ${response.status} without data`;
    throw new GraphQLRequestError(message, response.status, body.errors ?? [], trace.traceId);
  }
  return body.data;
}

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
  /**
   * For a query sent with `hedge`: when the gateway asked has not answered within this many wall
   * ms, the next gateway is asked too, and the first answer wins. Unset: the next one is asked only
   * once the first has failed.
   */
  hedgeAfterMs?: number;
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
 *
 * With `hedge` (queries only: a mutation must never be sent twice) and the endpoint's `hedgeAfterMs`,
 * a gateway that has not answered by then no longer holds the request up: the next one is asked
 * too, the first answer wins, the others are abandoned, and a gateway asked earlier that was still
 * silent is set aside like a failed one (a host that went away answers nothing, not even an error).
 */
export async function sendGraphQL<Data>(
  endpoint: GraphQLEndpoint,
  documentId: string,
  variables: Record<string, unknown>,
  rootField: keyof Data & string,
  requestClass: RequestClass = 'browse',
  options: { hedge?: boolean } = {},
): Promise<Data> {
  const body = JSON.stringify({ documentId, variables });
  const hedgeAfterMs = options.hedge ? endpoint.hedgeAfterMs : undefined;
  const answer = await firstAnswer<Data>(endpoint, body, requestClass, hedgeAfterMs);
  if (answer.kind === 'unanswered') throw answer.error;
  const { data, errors } = answer.body;
  if (!data || data[rootField] === null || data[rootField] === undefined) {
    const message = errors?.[0]?.message ?? `HTTP ${answer.status} without data`;
    throw new GraphQLRequestError(message, answer.status, errors ?? [], answer.traceId);
  }
  return data;
}

/**
 * Asks the gateways in order: the next once the last asked failed, or (with `hedgeAfterMs`) once it
 * has been silent that long. Resolves with the first answer, or the last failure when none answered.
 */
function firstAnswer<Data>(
  endpoint: GraphQLEndpoint,
  body: string,
  requestClass: RequestClass,
  hedgeAfterMs: number | undefined,
): Promise<Answer<Data>> {
  const order = endpoint.gateways.order();
  const asked: { url: string; abandon: AbortController }[] = [];
  let pending = 0;
  let settled = false;
  let hedge: ReturnType<typeof setTimeout> | undefined;
  return new Promise((resolve) => {
    const settle = (answer: Answer<Data>) => {
      settled = true;
      clearTimeout(hedge);
      for (const other of asked) other.abandon.abort();
      resolve(answer);
    };
    const askNext = () => {
      const url = order[asked.length]!;
      const abandon = new AbortController();
      asked.push({ url, abandon });
      pending += 1;
      const askedBefore = asked.slice(0, -1);
      if (hedgeAfterMs !== undefined && asked.length < order.length) {
        clearTimeout(hedge);
        hedge = setTimeout(() => !settled && askNext(), hedgeAfterMs);
      }
      void sendTo<Data>(endpoint, url, body, requestClass, abandon.signal).then((answer) => {
        pending -= 1;
        if (settled) return;
        if (answer.kind === 'answered') {
          endpoint.gateways.answered(url);
          // Asked first and still silent: as good as failed for the requests that follow.
          for (const earlier of askedBefore) endpoint.gateways.failed(earlier.url);
          settle(answer);
        } else {
          endpoint.gateways.failed(url);
          if (asked.length < order.length) askNext();
          else if (pending === 0) settle(answer);
        }
      });
    };
    askNext();
  });
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
  abandon: AbortSignal,
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
  // Its own deadline, or abandoned once another gateway answered: a plain controller rather than
  // AbortSignal.any, which older TV browsers lack.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), endpoint.timeoutMs ?? 10_000);
  const onAbandon = () => deadline.abort();
  abandon.addEventListener('abort', onAbandon);
  try {
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
        signal: deadline.signal,
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
  } finally {
    clearTimeout(timer);
    abandon.removeEventListener('abort', onAbandon);
  }
}

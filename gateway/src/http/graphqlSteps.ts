/**
 * The steps a `/graphql` request takes on the public listener before Apollo Server runs it, each a
 * Fastify hook (publicApp.ts puts them on the route, in the order its header lists): charge the
 * address and verify the token, cap a GET's nesting, resolve the trusted document and charge the
 * account; then the context Apollo Server runs the operation with.
 */
import type http from 'node:http';
import type { ApolloFastifyContextFunction } from '@as-integrations/fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { hasRole, type Caller } from '@contracts/gatewayCredential';
import { ErrorCode, graphqlErrorBody } from '@contracts/graphqlErrors';
import type { Identity } from '@platform/identity';
import { requestTrace } from '@platform/tracing/serverSpans';
import { inSpan, type TraceParent } from '@platform/tracing/spans';
import { authenticate, UnauthenticatedRequest } from '../authentication/authenticate';
import type { GatewayContext } from '../request/context';
import { DEBUG_HEADER, requestDebug } from '../debug/requestDebug';
import type { TrustedDocuments } from '../documents/trustedDocuments';
import { refusalResponseBody } from '../documents/refusal';
import { newFallbackState } from '../request/degraded';
import { rateLimitedAnswer } from '../rateLimits/addressGate';
import { requestTraceOf } from '../request/trace';
import type { Verdict } from '../rateLimits/limiter';
import type { AccountGate } from '../rateLimits/trustedDocumentCharges';
import { overloadedAnswer, type OverloadGate } from '../overload/gate';
import type { Ticket } from '@platform/overload/admission';
import type { RequestClass } from '@platform/overload/requestClass';
import { clientAddress } from './clientAddress';
import { exceedsJsonDepth, tooDeep } from './jsonDepth';
import type { HttpLimitSettings } from './settings';

export const GRAPHQL_PATH = '/graphql';

export interface GraphqlStepsOptions {
  verifyToken: (token: string) => Promise<Identity>;
  /** Connections, timeouts, JSON nesting and whose `x-country` counts (http/settings.ts). */
  httpLimits: HttpLimitSettings;
  /** Resolves trusted documents' ids, and refuses free-form documents in `enforce` mode. */
  documents: TrustedDocuments;
  /** The per-address rate limit, charged before anything else. None when rate limits are off. */
  addressGate?: (address: string, trace?: TraceParent) => Promise<Verdict>;
  /** The account's rate limit for a trusted document, charged once the body is read. */
  accountGate?: AccountGate;
  /** Refuses the lower request classes first under overload (`LOAD_SHEDDING=on`). None: off. */
  overload?: OverloadGate;
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
/** A step that is a span of its own (`traced`): what it does for the request goes under `step`. */
type StepHook = (request: FastifyRequest, reply: FastifyReply, step: TraceParent) => Promise<unknown>;

export interface GraphqlSteps {
  /** `onRequest`, first: under overload, the request's place by the class it declares. */
  admit: Hook;
  /** `onRequest`: the address's rate limit, then the bearer token, before a byte of the body is read. */
  authenticate: Hook;
  /** `preValidation`: a GET carries its JSON in the query string; the same nesting cap as a body. */
  capQueryNesting: Hook;
  /** `preHandler`: a trusted document's id becomes its text; `enforce` refuses anything else. */
  resolveDocument: Hook;
  /** Apollo Server's context for an operation that passed the steps above. */
  context: ApolloFastifyContextFunction<GatewayContext>;
}

/** What an earlier step learnt about a request, for the later ones, keyed by the raw request. */
interface RequestNotes {
  /** Whom the request speaks for, once its token is verified. */
  callers: WeakMap<http.IncomingMessage, Caller>;
  /** Requests whose account was charged here; Apollo's rate-limit plugin does not charge them again. */
  accountCharged: WeakSet<http.IncomingMessage>;
  /** Each admitted request's place under overload, released when its answer is done. */
  tickets: WeakMap<http.IncomingMessage, Ticket>;
  /** Requests that named a trusted document by id: a device app's, for field usage. */
  trustedDocuments: WeakSet<http.IncomingMessage>;
}

export function graphqlSteps(options: GraphqlStepsOptions): GraphqlSteps {
  const notes: RequestNotes = {
    callers: new WeakMap(),
    accountCharged: new WeakSet(),
    tickets: new WeakMap(),
    trustedDocuments: new WeakSet(),
  };
  return {
    admit: admitStep(options, notes),
    authenticate: traced('authentication', authenticateStep(options, notes)),
    capQueryNesting: capQueryNestingStep(options.httpLimits.maxJsonDepth),
    resolveDocument: traced('document lookup', resolveDocumentStep(options, notes)),
    context: contextStep(options, notes),
  };
}

/**
 * A step as a span of the request's trace (when tracing is on), with how it ended: `refused` when the
 * step answered the request itself (401, 429, an unknown document), else `passed`.
 */
function traced(name: string, hook: StepHook): Hook {
  return (request, reply) =>
    inSpan(name, requestTrace(request.raw), async (span, step) => {
      const result = await hook(request, reply, step);
      span.setAttribute('gateway.step.outcome', reply.sent ? 'refused' : 'passed');
      return result;
    });
}

function addressOf(request: FastifyRequest, limits: HttpLimitSettings): string {
  return (
    clientAddress(
      request.raw.socket.remoteAddress,
      request.headers['x-forwarded-for'],
      limits.trustedProxies,
    ) ?? 'unknown'
  );
}

function authenticateStep(options: GraphqlStepsOptions, notes: RequestNotes): StepHook {
  return async (request, reply, step) => {
    if (options.addressGate) {
      const verdict = await options.addressGate(addressOf(request, options.httpLimits), step);
      if (!verdict.allowed) {
        if (hasBody(request)) reply.header('connection', 'close');
        const answer = rateLimitedAnswer(verdict.retryAfterSeconds, requestTrace(request.raw));
        return reply.code(answer.status).headers(answer.headers).send(answer.body);
      }
    }
    try {
      const fromTrustedProxy = options.httpLimits.trustedProxies.trusts(request.raw.socket.remoteAddress);
      notes.callers.set(
        request.raw,
        await authenticate({ headers: request.headers, fromTrustedProxy }, options.verifyToken),
      );
    } catch (error) {
      if (!(error instanceof UnauthenticatedRequest)) throw error;
      // The body is never read: closing the connection spares reading the rest of it.
      if (hasBody(request)) reply.header('connection', 'close');
      return reply.code(401).send(graphqlErrorBody(error.message, ErrorCode.Unauthenticated));
    }
  };
}

function admitStep(options: GraphqlStepsOptions, notes: RequestNotes): Hook {
  return async (request, reply) => {
    if (!options.overload) return;
    const ticket = options.overload.admitDeclared(request.headers);
    if (!ticket) return sendOverloaded(request, reply, 'critical');
    notes.tickets.set(request.raw, ticket);
    // The ticket held then (the document may have changed it) is the one given back.
    reply.raw.once('close', () => notes.tickets.get(request.raw)?.release());
  };
}

/**
 * 503: refused for the overload before any work. A body not read yet is never read, and the
 * connection is closed: a client that retries at once must connect again. Kept alive instead, a
 * flood of 200 clients retrying without pause was refused 3,900 times a second, and the refusals
 * alone kept the gateway late (docs/benchmarks.md).
 */
function sendOverloaded(request: FastifyRequest, reply: FastifyReply, requestClass: RequestClass) {
  if (hasBody(request) && !request.body) reply.header('connection', 'close');
  const answer = overloadedAnswer(requestClass);
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}

function capQueryNestingStep(maxJsonDepth: number): Hook {
  return async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    for (const parameter of ['variables', 'extensions']) {
      const value = query[parameter];
      if (typeof value === 'string' && exceedsJsonDepth(value, maxJsonDepth)) {
        return reply.code(400).send(graphqlErrorBody(tooDeep(maxJsonDepth).message, ErrorCode.BadRequest));
      }
    }
  };
}

function resolveDocumentStep(options: GraphqlStepsOptions, notes: RequestNotes): StepHook {
  return async (request, reply, step) => {
    const search = new URL(request.url, 'http://gateway').search;
    const caller = notes.callers.get(request.raw);
    // Analysts explore with their own queries; devices run only the trusted documents.
    const mayRunFreeForm = caller !== undefined && hasRole(caller, 'analyst');
    const resolved = options.documents.resolveHttpRequest(
      { method: request.method, body: request.body, search },
      { mayRunFreeForm },
    );
    if (resolved.outcome === 'refuse') {
      return reply.code(resolved.error.status).send(refusalResponseBody(resolved.error));
    }
    request.body = resolved.request.body;
    if (resolved.documentId !== null) notes.trustedDocuments.add(request.raw);
    if (resolved.request.search !== search) request.raw.url = `${GRAPHQL_PATH}${resolved.request.search}`;
    const query = (resolved.request.body as { query?: unknown } | undefined)?.query;
    const ticket = notes.tickets.get(request.raw);
    if (options.overload && ticket) {
      const analyst = caller !== undefined && hasRole(caller, 'analyst');
      const requestClass = options.overload.classOf({ query, analyst, headers: request.headers });
      const own = options.overload.admission.reclass(ticket, requestClass);
      if (!own) {
        notes.tickets.delete(request.raw);
        return sendOverloaded(request, reply, requestClass);
      }
      notes.tickets.set(request.raw, own);
    }
    if (options.accountGate && caller?.accountId && typeof query === 'string') {
      const verdict = await options.accountGate(caller.accountId, query, step);
      if (verdict) notes.accountCharged.add(request.raw);
      if (verdict && !verdict.allowed) {
        const answer = rateLimitedAnswer(verdict.retryAfterSeconds, requestTrace(request.raw));
        return reply.code(answer.status).headers(answer.headers).send(answer.body);
      }
    }
  };
}

function contextStep(
  options: GraphqlStepsOptions,
  notes: RequestNotes,
): ApolloFastifyContextFunction<GatewayContext> {
  return async (request) => {
    const caller = notes.callers.get(request.raw);
    // Every operation passed the onRequest hooks; the explorer page was answered before them.
    if (!caller) {
      throw new GraphQLError('Send `Authorization: Bearer <token>`; this API needs a signed-in account', {
        extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
      });
    }
    return {
      caller,
      fallback: newFallbackState(),
      clientAddress: addressOf(request, options.httpLimits),
      accountCharged: notes.accountCharged.has(request.raw),
      debug: requestDebug(request.headers[DEBUG_HEADER], caller),
      requestClass: notes.tickets.get(request.raw)?.requestClass,
      trustedDocument: notes.trustedDocuments.has(request.raw),
      trace: requestTraceOf(requestTrace(request.raw)),
    };
  };
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContextDidResolveOperation,
} from '@apollo/server';
import { inSpan, type TraceParent } from '@platform/tracing/spans';
import type { DocumentNode, OperationDefinitionNode, ParseOptions } from 'graphql';
import { estimateCost } from './cost';
import { measureOperation, type OperationShape } from './shape';
import { DEFAULT_OPERATION_LIMITS, type OperationLimitSettings } from './settings';
import { SubgraphJoins } from './subgraphJoins';
import { exceedsTokenLimit } from './tokens';
import {
  formattedLimitError,
  limitError,
  violation,
  type LimitName,
  type LimitViolation,
} from './violations';

/** A context that may say where the request's spans go (the gateway's does). */
type TracedContext = BaseContext & { trace?: { request: TraceParent } };

/** What `ApolloServer`'s constructor takes to enforce the limits: spread `plugins`, pass `parseOptions`. */
export interface OperationLimits<TContext extends TracedContext> {
  plugins: ApolloServerPlugin<TContext>[];
  /** `maxTokens`: graphql-js stops parsing at the first token past it. */
  parseOptions: ParseOptions;
  /** The settings in force, defaults filled in. */
  settings: Readonly<OperationLimitSettings>;
}

/**
 * Refuses, with HTTP 400 and a code per limit, an operation that is too long, too wide, too deep or too
 * expensive, before the gateway plans it or calls any subgraph.
 *
 * Tokens are counted by the parser itself (`parseOptions.maxTokens`). The other limits are checked in
 * `didResolveOperation`, the last step before planning, and the one where a thrown error becomes a 400
 * answer with its own `extensions.code`; the validation that runs before it is bounded by the token
 * limit. Validation rules (graphql-armor's max-aliases, max-depth, max-directives) would run in that same
 * validation pass, but Apollo Server replaces every validation error's code with
 * `GRAPHQL_VALIDATION_FAILED`, and each limit is a few lines of the single walk in `shape.ts`.
 */
export function operationLimits<TContext extends TracedContext>(
  overrides: Partial<OperationLimitSettings> = {},
): OperationLimits<TContext> {
  const settings: Readonly<OperationLimitSettings> = Object.freeze({
    ...DEFAULT_OPERATION_LIMITS,
    ...overrides,
  });
  checkSettings(settings);
  let joins = SubgraphJoins.none;
  // Apollo Server hands back the same document object for a query it has seen before (its document
  // store), so the shape of a repeated operation is measured once (and its cost, below).
  const shapes = new WeakMap<DocumentNode, Map<OperationDefinitionNode, OperationShape>>();

  const shapeOf = (document: DocumentNode, operation: OperationDefinitionNode): OperationShape => {
    let byOperation = shapes.get(document);
    if (!byOperation) shapes.set(document, (byOperation = new Map()));
    let shape = byOperation.get(operation);
    if (!shape) byOperation.set(operation, (shape = measureOperation(document, operation)));
    return shape;
  };

  const plugin: ApolloServerPlugin<TContext> = {
    async serverWillStart() {
      return {
        // The gateway passes the supergraph on every load, so the joins follow schema updates.
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          joins = coreSupergraphSdl ? SubgraphJoins.fromSupergraph(coreSupergraphSdl) : SubgraphJoins.none;
        },
      };
    },

    async requestDidStart() {
      let tooManyTokens: LimitViolation | undefined;
      return {
        async parsingDidStart({ source }) {
          return async (error) => {
            if (error && exceedsTokenLimit(source, settings.maxTokens)) {
              tooManyTokens = violation('maxTokens', settings.maxTokens + 1, settings);
            }
          };
        },

        async didResolveOperation(requestContext) {
          // The `operation limits` span of the request's trace, with the cost it measured.
          await inSpan('operation limits', requestContext.contextValue.trace?.request, async (span) => {
            let cost: number | undefined;
            try {
              cost = measure(requestContext);
            } catch (error) {
              span.setAttribute('gateway.step.outcome', 'refused');
              throw error;
            }
            span.setAttribute('gateway.step.outcome', 'passed');
            if (cost !== undefined) span.setAttribute('graphql.operation.cost', cost);
          });
        },

        // Apollo Server answers any parse failure as GRAPHQL_PARSE_FAILED and offers no hook to answer
        // otherwise, so the answer to a document past the token limit is rewritten here (already a 400).
        async willSendResponse({ response }) {
          if (tooManyTokens && response.body.kind === 'single') {
            response.body.singleResult = { errors: [formattedLimitError(tooManyTokens)] };
          }
        },
      };
    },
  };

  /** Throws the first limit the operation is over; else its cost (none without an operation). */
  function measure({
    document,
    operation,
    request,
    schema,
  }: GraphQLRequestContextDidResolveOperation<TContext>): number | undefined {
    if (!operation) return;
    const known = measuredFor(joins, document, operation);
    const shape = shapeOf(document, operation);
    const measured: Array<[LimitName, number]> = [
      ['maxAliases', shape.aliases],
      ['maxDirectives', shape.directives],
      ['maxDepth', shape.depth],
      ['maxFields', shape.fields],
      ['maxListItems', longestList(request.variables)],
    ];
    for (const [limit, value] of measured) {
      // Written as "not within" rather than "above" so that a NaN on either side refuses.
      if (!(value <= settings[limit])) throw limitError(violation(limit, value, settings));
    }
    // Only now, with the operation known to be small, is it walked once more for its cost: once
    // per document and values of the variables that size its lists (none, for a `play`).
    const sizedBy = (variables: string[]) =>
      JSON.stringify(variables.map((name) => request.variables?.[name] ?? null));
    let cost = known.sizeVariables && known.costs.get(sizedBy(known.sizeVariables));
    if (cost === undefined) {
      const estimate = estimateCost({
        schema,
        joins,
        document,
        operation,
        variables: request.variables,
        settings,
      });
      known.sizeVariables = estimate.sizeVariables;
      // Bounded: a client varying a page size gets at most this many entries per document.
      if (known.costs.size < 64) known.costs.set(sizedBy(estimate.sizeVariables), estimate.cost);
      cost = estimate.cost;
    }
    if (!(cost <= settings.maxCost)) throw limitError(violation('maxCost', cost, settings));
    return cost;
  }

  return { plugins: [plugin], parseOptions: { maxTokens: settings.maxTokens }, settings };
}

/** The cost of one operation of one document, against one supergraph's joins. */
interface Measured {
  sizeVariables?: string[];
  /** Costs by the values of `sizeVariables`. */
  costs: Map<string, number>;
}

/** Keyed weakly by the joins (a new supergraph measures afresh) and the document. */
const measurements = new WeakMap<SubgraphJoins, WeakMap<DocumentNode, Map<string, Measured>>>();

function measuredFor(
  joins: SubgraphJoins,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): Measured {
  let byDocument = measurements.get(joins);
  if (!byDocument) measurements.set(joins, (byDocument = new WeakMap()));
  let byOperation = byDocument.get(document);
  if (!byOperation) byDocument.set(document, (byOperation = new Map()));
  const name = operation.name?.value ?? '';
  let measured = byOperation.get(name);
  if (!measured) byOperation.set(name, (measured = { costs: new Map() }));
  return measured;
}

/** A limit that is not a positive number would refuse everything or, for tokens, nothing: refuse to start. */
function checkSettings(settings: OperationLimitSettings): void {
  const problems: string[] = [];
  for (const name of [
    'maxAliases',
    'maxDirectives',
    'maxDepth',
    'maxFields',
    'maxListItems',
    'maxCost',
  ] as const) {
    if (!(settings[name] > 0)) problems.push(`${name} must be a positive number, not ${settings[name]}`);
  }
  // graphql-js compares with `>`: NaN or Infinity would turn the token limit off.
  if (!(Number.isSafeInteger(settings.maxTokens) && settings.maxTokens > 0)) {
    problems.push(`maxTokens must be a positive integer, not ${settings.maxTokens}`);
  }
  for (const name of ['fetchCost', 'objectCost', 'defaultListSize'] as const) {
    if (!(settings[name] >= 0)) problems.push(`${name} must be zero or more, not ${settings[name]}`);
  }
  if (problems.length > 0) throw new Error(`Invalid operation limits: ${problems.join('; ')}.`);
}

/**
 * The length of the longest list anywhere in the variables. The HTTP layer has already capped how
 * deeply they nest, so the walk is short whatever the client sent.
 */
export function longestList(value: unknown): number {
  if (Array.isArray(value))
    return value.reduce<number>((longest, item) => Math.max(longest, longestList(item)), value.length);
  if (value !== null && typeof value === 'object') {
    let longest = 0;
    for (const item of Object.values(value)) longest = Math.max(longest, longestList(item));
    return longest;
  }
  return 0;
}

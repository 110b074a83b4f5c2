/**
 * Refuses, before anything is planned or fetched, an operation that selects a field the caller's
 * roles do not open (`@access`, see accessRules.ts), answering 403 `FORBIDDEN` with
 * every such field named. Introspection is part of the same rule: in production only analysts may
 * introspect (the explorer's users); in development anyone may, so device teams can explore too.
 * The check is the `access` span of the request's trace.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { rolesOf } from '@contracts/gatewayCredential';
import { ErrorCode } from '@contracts/graphqlErrors';
import { inSpan } from '@platform/tracing/spans';
import type { GatewayContext } from '../request/context';
import type { AccessRules } from './accessRules';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

export interface AccessOptions {
  /** The rules of the supergraph being served (they change with it). */
  rules: () => AccessRules;
  /** Production: introspection for analysts only. */
  production: boolean;
}

export function accessPlugin(options: AccessOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, contextValue }) {
          const held = rolesOf(contextValue.caller);
          const denied = await inSpan('access', contextValue.trace?.request, async (span) => {
            const fields = deniedFields(document, schema, options.rules(), held, options.production);
            span.setAttribute('gateway.step.outcome', fields.length === 0 ? 'passed' : 'refused');
            return fields;
          });
          if (denied.length === 0) return;
          throw new GraphQLError(
            `Not allowed for this token (roles: ${held.join(', ') || 'none'}): ${denied.join('; ')}`,
            { extensions: { code: ErrorCode.Forbidden, http: { status: 403 } } },
          );
        },
      };
    },
  };
}

/** What a document selects that roles decide: introspection, and the coordinates that need a role. */
interface Selected {
  introspects: boolean;
  restricted: string[];
}

/**
 * Per parsed document (Apollo Server hands the same DocumentNode back for the same text) and per
 * rules (a new supergraph brings new ones): every `play` would otherwise walk its document again.
 */
const selections = new WeakMap<AccessRules, WeakMap<DocumentNode, Selected>>();

function selectedBy(document: DocumentNode, schema: GraphQLSchema, rules: AccessRules): Selected {
  let byDocument = selections.get(rules);
  if (!byDocument) selections.set(rules, (byDocument = new WeakMap()));
  let selected = byDocument.get(document);
  if (selected) return selected;
  const restricted = new Set<string>();
  let introspects = false;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = node.name.value;
        if (INTROSPECTION_FIELDS.has(field)) {
          introspects = true;
          return;
        }
        const parent = typeInfo.getParentType();
        if (parent && rules.restricts(`${parent.name}.${field}`)) restricted.add(`${parent.name}.${field}`);
      },
    }),
  );
  selected = { introspects, restricted: [...restricted] };
  byDocument.set(document, selected);
  return selected;
}

/** Each field of `document` the roles `held` do not open, with what would open it. */
export function deniedFields(
  document: DocumentNode,
  schema: GraphQLSchema,
  rules: AccessRules,
  held: readonly string[],
  production: boolean,
): string[] {
  const { introspects, restricted } = selectedBy(document, schema, rules);
  const denied =
    introspects && production && !held.includes('analyst') ? ['introspection needs the analyst role'] : [];
  for (const coordinate of restricted) {
    if (!rules.allows(coordinate, held)) {
      denied.push(`\`${coordinate}\` needs the ${rules.describe(coordinate)} role`);
    }
  }
  return denied;
}

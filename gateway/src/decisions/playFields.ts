/**
 * Which root fields of an operation decide a play, and what each asks for: `play` (a press of play),
 * `prefetch` (while browsing) and `startPlayback` (a prefetched manifest starting). Read once per
 * parsed operation: the device's documents are the same objects on every request.
 */
import {
  getArgumentValues,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { PlayIntent } from '@platform/decisions/record';

/** A root field that decides a play, as this operation selects it. */
export interface PlayField {
  /** Where its answer sits in `data`: its alias, else its name. */
  responseKey: string;
  intent: PlayIntent;
  node: FieldNode;
  definition: GraphQLField<unknown, unknown>;
}

const INTENTS: Readonly<Record<string, { type: 'query' | 'mutation'; intent: PlayIntent }>> = {
  play: { type: 'query', intent: 'PLAY' },
  prefetch: { type: 'query', intent: 'PREFETCH' },
  startPlayback: { type: 'mutation', intent: 'START' },
};

const cache = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, PlayField[]>>();

export function playFieldsOf(schema: GraphQLSchema, operation: OperationDefinitionNode): PlayField[] {
  let operations = cache.get(schema);
  if (!operations) cache.set(schema, (operations = new WeakMap()));
  let fields = operations.get(operation);
  if (!fields) operations.set(operation, (fields = readPlayFields(schema, operation)));
  return fields;
}

function readPlayFields(schema: GraphQLSchema, operation: OperationDefinitionNode): PlayField[] {
  const root = operation.operation === 'query' ? schema.getQueryType() : schema.getMutationType();
  const fields: PlayField[] = [];
  for (const selection of operation.selectionSet.selections) {
    // Device operations select these fields directly; one behind a fragment is not recorded.
    if (selection.kind !== Kind.FIELD) continue;
    const known = INTENTS[selection.name.value];
    const definition = root?.getFields()[selection.name.value];
    if (!known || known.type !== operation.operation || !definition) continue;
    fields.push({
      responseKey: selection.alias?.value ?? selection.name.value,
      intent: known.intent,
      node: selection,
      definition,
    });
  }
  return fields;
}

/** What the request asked to play: the `PlayInput` (inside `startPlayback`'s input, its `play`). */
export interface PlayAsked {
  titleId: string;
  profileId: string;
  deviceType: string;
}

export function playAsked(field: PlayField, variables: Record<string, unknown>): PlayAsked | null {
  let input: Record<string, unknown> | undefined;
  try {
    input = getArgumentValues(field.definition, field.node, variables).input as Record<string, unknown>;
  } catch {
    return null; // Invalid arguments: the request was refused before any decision.
  }
  const play = (field.intent === 'START' ? input?.play : input) as Record<string, unknown> | undefined;
  const device = play?.device as Record<string, unknown> | undefined;
  if (typeof play?.titleId !== 'string' || typeof play.profileId !== 'string') return null;
  return { titleId: play.titleId, profileId: play.profileId, deviceType: String(device?.type ?? 'UNKNOWN') };
}

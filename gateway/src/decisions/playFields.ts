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
  /** The variable its `input` argument is, as device operations write it (`input: $input`); else null. */
  inputVariable: string | null;
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
    const input = selection.arguments?.find((argument) => argument.name.value === 'input')?.value;
    fields.push({
      responseKey: selection.alias?.value ?? selection.name.value,
      intent: known.intent,
      node: selection,
      definition,
      inputVariable: input?.kind === Kind.VARIABLE ? input.name.value : null,
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
  // A variable is read as it is: the operation ran, so it held a valid input. Only a literal argument
  // needs graphql-js, which walks the input types, and that costs a recorded play more than the rest
  // of its record (docs/benchmarks.md).
  if (field.inputVariable !== null) return askedOf(field, variables[field.inputVariable]);
  let input: unknown;
  try {
    input = getArgumentValues(field.definition, field.node, variables).input;
  } catch {
    return null; // Invalid arguments: the request was refused before any decision.
  }
  return askedOf(field, input);
}

function askedOf(field: PlayField, input: unknown): PlayAsked | null {
  const play = (field.intent === 'START' ? (input as Record<string, unknown> | undefined)?.play : input) as
    Record<string, unknown> | undefined;
  const device = play?.device as Record<string, unknown> | undefined;
  if (typeof play?.titleId !== 'string' || typeof play.profileId !== 'string') return null;
  return { titleId: play.titleId, profileId: play.profileId, deviceType: String(device?.type ?? 'UNKNOWN') };
}

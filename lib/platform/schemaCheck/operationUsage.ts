/**
 * What a device operation touches, as schema coordinates, so that a breaking change can name the
 * operations it breaks. Walked with graphql's TypeInfo against the published schema: the one the
 * operations were written for, where even a removed field still has its type.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
} from 'graphql';

/** Where the device operations live, relative to a repository root. */
export const DEVICE_OPERATIONS_DIR = 'clients/operations';

export interface DeviceOperation {
  /** Repository-relative, such as `clients/operations/Play.graphql`. */
  file: string;
  /** The operation's name, such as `Play` (`anonymous` without one). */
  name: string;
  /** `Type`, `Type.field`, `Type.field.argument`, `Input.field` and `Enum.VALUE` it uses. */
  coordinates: ReadonlySet<string>;
}

/** Every operation of `clients/operations/*.graphql` under `root`, with what it uses in `schema`. */
export function deviceOperations(root: string, schema: GraphQLSchema): DeviceOperation[] {
  const dir = path.join(root, DEVICE_OPERATIONS_DIR);
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort();
  return files.flatMap((file) => {
    const document = parse(readFileSync(path.join(dir, file), 'utf8'));
    return document.definitions
      .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
      .map((operation) => ({
        file: path.posix.join(DEVICE_OPERATIONS_DIR, file),
        name: operation.name?.value ?? 'anonymous',
        coordinates: coordinatesUsed(schema, operation, document),
      }));
  });
}

/** The coordinates one operation (and the fragments of its document) uses. */
export function coordinatesUsed(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  document: DocumentNode,
): Set<string> {
  const used = new Set<string>();
  const addType = (type: GraphQLType | null | undefined) => {
    if (!type) return;
    const named = getNamedType(type);
    if (used.has(named.name)) return;
    used.add(named.name);
    // A variable of an input type may carry any of its fields: the device decides what it sends.
    if (isInputObjectType(named)) {
      for (const field of Object.values(named.getFields())) {
        used.add(`${named.name}.${field.name}`);
        addType(field.type);
      }
    }
  };
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field() {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      if (!parent || !field) return;
      used.add(parent.name);
      used.add(`${parent.name}.${field.name}`);
      addType(field.type);
    },
    Argument(node) {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      if (parent && field) used.add(`${parent.name}.${field.name}.${node.name.value}`);
      addType(typeInfo.getInputType());
    },
    VariableDefinition() {
      addType(typeInfo.getInputType());
    },
    ObjectField(node) {
      const parent = typeInfo.getParentInputType();
      const named = parent && getNamedType(parent);
      if (named && isInputObjectType(named)) used.add(`${named.name}.${node.name.value}`);
      addType(typeInfo.getInputType());
    },
    EnumValue(node) {
      const type = typeInfo.getInputType();
      const named = type && getNamedType(type);
      if (named && isEnumType(named)) used.add(`${named.name}.${node.value}`);
    },
    InlineFragment() {
      addType(typeInfo.getType());
    },
  });
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  for (const node of [operation, ...fragments]) visit(node, visitor);
  return used;
}

/**
 * Whether an operation that uses `used` is affected by a change at `coordinate`: it uses the
 * coordinate itself; or the field of an argument (a new required argument breaks every call of its
 * field); or the enum or input type of a value or input field (what a device sends or switches on).
 */
export function isAffected(used: ReadonlySet<string>, coordinate: string, schema: GraphQLSchema): boolean {
  if (used.has(coordinate)) return true;
  const [typeName, fieldName, argumentName] = coordinate.split('.');
  if (argumentName !== undefined && used.has(`${typeName}.${fieldName}`)) return true;
  const type = typeName === undefined ? undefined : schema.getType(typeName);
  return fieldName !== undefined && (isEnumType(type) || isInputObjectType(type)) && used.has(typeName!);
}

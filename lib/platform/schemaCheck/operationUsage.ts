/**
 * What a device operation touches, as schema coordinates, so that a breaking change can name the
 * operations it breaks. Walked with graphql's TypeInfo against the published schema: the one the
 * operations were written for, where even a removed field still has its type.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isEnumType, isInputObjectType, Kind, parse, type GraphQLSchema } from 'graphql';
import { coordinatesUsed } from '../fieldUsage/coordinates';

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

/**
 * The coordinates whose use a change at `coordinate` affects: the coordinate itself; the field of an
 * argument when every call of the field is affected (`everyCallerOfField`: a new required argument
 * breaks every call, passed or not); the enum or input type of a value or input field (what a device
 * sends or switches on).
 */
export function coordinatesAffectedBy(
  coordinate: string,
  schema: GraphQLSchema,
  everyCallerOfField: boolean,
): string[] {
  const [typeName, fieldName, argumentName] = coordinate.split('.');
  const affected = [coordinate];
  if (argumentName !== undefined && everyCallerOfField) affected.push(`${typeName}.${fieldName}`);
  const type = typeName === undefined ? undefined : schema.getType(typeName);
  if (fieldName !== undefined && (isEnumType(type) || isInputObjectType(type))) affected.push(typeName!);
  return affected;
}

/**
 * Whether an operation that uses `used` is affected by a change at `coordinate`; a device operation
 * that calls the field of any changed argument counts (the check cannot tell which it passes).
 */
export function isAffected(used: ReadonlySet<string>, coordinate: string, schema: GraphQLSchema): boolean {
  return coordinatesAffectedBy(coordinate, schema, true).some((affected) => used.has(affected));
}

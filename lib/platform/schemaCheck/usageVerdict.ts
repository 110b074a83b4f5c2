/**
 * Weighs breaking changes with what clients really sent: a removed or changed coordinate some
 * client used in the window stays BREAKING and names the clients; one nobody used, over a window
 * fully recorded, and no device operation of this repository uses, is safe to remove. Lists the
 * deprecated coordinates with their remaining use.
 */
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { ClientUsage, UsageReport } from '../fieldUsage/report';
import { coordinatesAffectedBy } from './operationUsage';

/** The clients that used a coordinate (or what a change of it affects) in the window. */
export function clientsUsing(
  coordinate: string,
  changeType: string,
  report: UsageReport,
  schema: GraphQLSchema,
): ClientUsage[] {
  // A new required argument breaks every call of its field; a removed or changed one, only its senders.
  const candidates = coordinatesAffectedBy(coordinate, schema, changeType === 'FIELD_ARGUMENT_ADDED');
  const byClient = new Map<string, ClientUsage>();
  for (const candidate of candidates) {
    for (const usage of report.coordinates[candidate] ?? []) {
      const key = `${usage.client}\t${usage.version}`;
      const known = byClient.get(key);
      // The operations that touched the field also touched its type: the larger count, not the sum.
      if (!known || usage.count > known.count) byClient.set(key, { ...usage });
    }
  }
  return [...byClient.values()].sort((a, b) => b.count - a.count || a.client.localeCompare(b.client));
}

export interface Deprecation {
  coordinate: string;
  reason: string;
  clients: ClientUsage[];
}

/** Every deprecated field, argument, input field and enum value of `schema`, with its use in the window. */
export function deprecations(schema: GraphQLSchema, report: UsageReport): Deprecation[] {
  const found: { coordinate: string; reason: string }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.deprecationReason)
          found.push({ coordinate: `${type.name}.${field.name}`, reason: field.deprecationReason });
        for (const argument of field.args) {
          if (argument.deprecationReason) {
            found.push({
              coordinate: `${type.name}.${field.name}.${argument.name}`,
              reason: argument.deprecationReason,
            });
          }
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.deprecationReason)
          found.push({ coordinate: `${type.name}.${field.name}`, reason: field.deprecationReason });
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (value.deprecationReason)
          found.push({ coordinate: `${type.name}.${value.name}`, reason: value.deprecationReason });
      }
    }
  }
  return found
    .sort((a, b) => a.coordinate.localeCompare(b.coordinate))
    .map((deprecation) => ({
      ...deprecation,
      // An enum value's own use: reading the enum is not sending the value.
      clients: report.coordinates[deprecation.coordinate] ?? [],
    }));
}

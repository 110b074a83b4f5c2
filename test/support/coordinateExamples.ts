/**
 * A small schema and the coordinates an operation uses in it, for the unit tests of what walks
 * operations (lib/platform/fieldUsage/coordinates.ts) and what weighs a change with them
 * (lib/platform/schemaCheck/operationUsage.ts).
 */
import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { coordinatesUsed } from '@platform/fieldUsage/coordinates';

export const exampleSchema = buildSchema(/* GraphQL */ `
  type Query {
    title(id: ID!): Title
    search(filter: Filter!): [Title!]!
  }
  type Title {
    id: ID!
    name: String!
    tier: Tier
    rating: Int
  }
  input Filter {
    tier: Tier
    text: String
  }
  enum Tier {
    BASIC
    PREMIUM
  }
`);

/** The coordinates the first operation of `source` uses in {@link exampleSchema}. */
export function coordinatesOf(source: string): Set<string> {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  return coordinatesUsed(exampleSchema, operation, document);
}

/**
 * What an operation touches, as schema coordinates: what the gateway counts per client
 * (gateway/src/fieldUsage/) and what the schema check compares with a change
 * (lib/platform/schemaCheck/operationUsage.ts). Walked with graphql's TypeInfo.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * The coordinates one operation (and the fragments of its document) uses: `Type`, `Type.field`,
 * `Type.field.argument`, `Input.field` and `Enum.VALUE`.
 */
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
    Field(node) {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      // `__typename`, `__schema`, `__type` are GraphQL's own: no change of ours can remove them.
      if (!parent || !field || node.name.value.startsWith('__')) return;
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

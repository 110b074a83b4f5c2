/**
 * Reading the supergraph's SDL nodes: the gateway's fallback policies, entity cache and access rules
 * each read their own directive from the same supergraph (gateway/src/server.ts).
 */
import { Kind, type ConstDirectiveNode, type ConstValueNode, type TypeNode } from 'graphql';

/** The named type under any list and non-null wrappers: `Profile` for `[Profile!]!`. */
export function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** The directive called `name` among `directives`, if any. */
export function directiveNamed(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string,
): ConstDirectiveNode | undefined {
  return directives?.find((directive) => directive.name.value === name);
}

/** The value of the argument called `name` of `directive`, if given. */
export function argumentValue(
  directive: ConstDirectiveNode | undefined,
  name: string,
): ConstValueNode | undefined {
  return directive?.arguments?.find((argument) => argument.name.value === name)?.value;
}

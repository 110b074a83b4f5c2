/**
 * Which roles each field of the graph needs, read from the `@access(roles: [...])` directive the
 * subgraphs declare and composition carries into the supergraph (like `@fallback`). Apollo's own
 * `@requiresScopes` would say the same, but Apollo's Node gateway refuses any supergraph that uses it
 * (it is a SECURITY feature only the Router enforces), so the platform has its own, enforced here. A
 * field is open to a caller holding any of its roles; a type's roles apply to every field returning
 * it, on top of the field's own.
 */
import { Kind, parse, type ConstDirectiveNode } from 'graphql';
import { argumentValue, directiveNamed, namedType } from '../supergraph/sdlNodes';

export class AccessRules {
  /** `Type.field` → each set of roles it needs one of (its own, then its return type's). */
  private readonly fields = new Map<string, (readonly string[])[]>();

  private constructor(
    fieldRoles: Map<string, readonly string[]>,
    typeRoles: Map<string, readonly string[]>,
    returnTypes: Map<string, string>,
  ) {
    for (const [coordinate, returned] of returnTypes) {
      const needs = [fieldRoles.get(coordinate), typeRoles.get(returned)].filter(
        (roles, index, all): roles is readonly string[] =>
          roles !== undefined && (index === 0 || String(roles) !== String(all[0])),
      );
      if (needs.length > 0) this.fields.set(coordinate, needs);
    }
  }

  static none(): AccessRules {
    return new AccessRules(new Map(), new Map(), new Map());
  }

  /** The rules of a supergraph (or of any SDL using `@access`). */
  static fromSdl(sdl: string): AccessRules {
    const fieldRoles = new Map<string, readonly string[]>();
    const typeRoles = new Map<string, readonly string[]>();
    const returnTypes = new Map<string, string>();
    for (const definition of parse(sdl).definitions) {
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
        definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
      )
        continue;
      const type = definition.name.value;
      const typeNeeds = rolesOf(definition.directives);
      if (typeNeeds) typeRoles.set(type, typeNeeds);
      for (const field of definition.fields ?? []) {
        const coordinate = `${type}.${field.name.value}`;
        returnTypes.set(coordinate, namedType(field.type));
        const needs = rolesOf(field.directives);
        if (needs) fieldRoles.set(coordinate, needs);
      }
    }
    return new AccessRules(fieldRoles, typeRoles, returnTypes);
  }

  /** Whether any role is needed for `Type.field`. */
  restricts(coordinate: string): boolean {
    return this.fields.has(coordinate);
  }

  /** Whether a caller holding `held` may select `Type.field`. */
  allows(coordinate: string, held: readonly string[]): boolean {
    const needs = this.fields.get(coordinate);
    return needs === undefined || needs.every((anyOf) => anyOf.some((role) => held.includes(role)));
  }

  /** The roles that would open `Type.field`, for the error message: `analyst`, `viewer or analyst`. */
  describe(coordinate: string): string {
    return (this.fields.get(coordinate) ?? []).map((anyOf) => anyOf.join(' or ')).join(', and the ');
  }
}

/** The `roles` of an `@access`, or undefined when there is none. */
function rolesOf(directives: readonly ConstDirectiveNode[] | undefined): readonly string[] | undefined {
  const roles = argumentValue(directiveNamed(directives, 'access'), 'roles');
  if (!roles) return undefined;
  const values = roles.kind === Kind.LIST ? roles.values : [roles];
  return values.flatMap((value) => (value.kind === Kind.STRING ? [value.value] : []));
}

/**
 * What a signed-in caller may do, carried by its bearer token (the `roles` claim in development, the
 * claim `IDENTITY_ROLES_CLAIM` names in production) and passed on to every subgraph in the gateway
 * credential. The subgraphs mark the fields a role opens with `@access(roles: [...])`, which the
 * gateway enforces (gateway/src/access/).
 */
export const ROLES = ['viewer', 'analyst'] as const;

/**
 * `viewer`: a subscriber's account; plays titles on its own profiles. `analyst`: support and analytics
 * staff; reads across accounts and asks why a decision was made, but never plays.
 */
export type Role = (typeof ROLES)[number];

/** A token without a roles claim is a viewer's: every device token issued before roles existed. */
export const DEFAULT_ROLES: readonly Role[] = ['viewer'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * The roles a token's claim grants: the known role names it lists (one name or a list), in
 * {@link ROLES} order. A missing claim is {@link DEFAULT_ROLES}; a claim naming no known role grants
 * none, so a token minted for some other purpose opens nothing.
 */
export function rolesFromClaim(claim: unknown): readonly Role[] {
  if (claim === undefined || claim === null) return DEFAULT_ROLES;
  const listed = Array.isArray(claim) ? claim : [claim];
  return ROLES.filter((role) => listed.includes(role));
}

import { readFileSync } from 'node:fs';
import { DECISION_MESSAGES } from '@contracts/decision';
import { SUPERGRAPH_PATH } from '@platform/composition';
import { FallbackPolicies, FallbackPolicyError } from './policies';

describe('fallback policies of the checked-in supergraph', () => {
  const policies = FallbackPolicies.fromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));

  it('count an unknown profile maturity as 0, the most restrictive, once no recent copy is left', () => {
    expect(policies.forField('Profile', 'maxMaturity')).toEqual({
      kind: 'STALE_THEN_DEFAULT',
      maxAgeSeconds: 86_400,
      default: 0,
    });
  });

  it('never assume the owner of a profile: accountId may only be stale, and has no default', () => {
    const policy = policies.forField('Profile', 'accountId');
    expect(policy).toEqual({ kind: 'STALE', maxAgeSeconds: 86_400 });
    expect(policy).not.toHaveProperty('default');
  });

  it('replace a missing entitlement with a TEMPORARILY_UNAVAILABLE refusal, and a stale one only while it is valid', () => {
    const policy = policies.forField('PlaySession', 'entitlement');
    expect(policy).toMatchObject({ kind: 'STALE_THEN_DEFAULT', maxAgeSeconds: 900, validUntil: 'expiresAt' });
    expect(policy.kind === 'STALE_THEN_DEFAULT' ? policy.default : undefined).toEqual({
      allowed: false,
      reason: 'TEMPORARILY_UNAVAILABLE',
      message: DECISION_MESSAGES.TEMPORARILY_UNAVAILABLE,
      prompt: null,
      grant: null,
      expiresAt: null,
      // No rule ran for a default: its decision record says a fallback decided.
      rules: [],
    });
  });

  it('default a decision to the same TEMPORARILY_UNAVAILABLE sentence the services use', () => {
    const policy = policies.forField('PlaySession', 'decision');
    expect(policy.kind === 'STALE_THEN_DEFAULT' ? policy.default : undefined).toEqual({
      allowed: false,
      reason: 'TEMPORARILY_UNAVAILABLE',
      message: DECISION_MESSAGES.TEMPORARILY_UNAVAILABLE,
      prompt: null,
    });
  });

  it("apply a type's policy to its fields that declare none of their own", () => {
    expect(policies.forField('Title', 'name')).toEqual({ kind: 'STALE', maxAgeSeconds: 86_400 });
    expect(policies.forField('Title', 'synopsis')).toEqual({
      kind: 'STALE_THEN_DEFAULT',
      maxAgeSeconds: 86_400,
      default: '',
    });
  });

  it('answer NONE for a field of a type without any policy', () => {
    expect(policies.forField('Encoding', 'codec')).toEqual({ kind: 'NONE' });
    expect(policies.forField('NoSuchType', 'field')).toEqual({ kind: 'NONE' });
  });

  it('read the key fields of an entity per subgraph, and fall back to id for an unknown one', () => {
    expect(policies.keyFields('entitlements', 'PlaySession')).toEqual(['id']);
    expect(policies.keyFields('profiles', 'Profile')).toEqual(['id']);
    expect(policies.keyFields('catalog', 'NoSuchType')).toEqual(['id']);
  });

  it('know the named type of a field, through lists and non-null wrappers', () => {
    expect(policies.fieldType('PlaySession', 'profile')).toBe('Profile');
    expect(policies.fieldType('PlaySession', 'entitlement')).toBe('Entitlement');
    expect(policies.fieldType('Title', 'genres')).toBe('String');
    expect(policies.fieldType('PlaySession', 'noSuchField')).toBeUndefined();
  });
});

describe('reading fallback policies', () => {
  const join = `
    enum join__Graph { SHOP @join__graph(name: "shop", url: "http://shop.invalid/graphql") }
  `;

  it('read the top-level fields of a compound key', () => {
    const policies = FallbackPolicies.fromSupergraph(`${join}
      type Variant @join__type(graph: SHOP, key: "sku product { id }") { sku: ID! product: Product }
      type Product @join__type(graph: SHOP, key: "id") { id: ID! }
    `);
    expect(policies.keyFields('shop', 'Variant')).toEqual(['sku', 'product']);
  });

  it('reject an unknown policy, naming the field', () => {
    const sdl = `type Profile { maxMaturity: Int @fallback(policy: "SOMETIMES") }`;
    expect(() => FallbackPolicies.fromSupergraph(sdl)).toThrow(FallbackPolicyError);
    expect(() => FallbackPolicies.fromSupergraph(sdl)).toThrow(/Profile\.maxMaturity.*policy must be one of/);
  });

  it('reject STALE without a positive maxAgeSeconds, naming the field', () => {
    const missing = `type Title { name: String @fallback(policy: "STALE") }`;
    const zero = `type Title { name: String @fallback(policy: "STALE", maxAgeSeconds: 0) }`;
    expect(() => FallbackPolicies.fromSupergraph(missing)).toThrow(
      /Title\.name: STALE needs a positive maxAgeSeconds/,
    );
    expect(() => FallbackPolicies.fromSupergraph(zero)).toThrow(FallbackPolicyError);
  });

  it('reject DEFAULT without a default, naming the field', () => {
    const sdl = `type PlaySession { features: String @fallback(policy: "DEFAULT") }`;
    expect(() => FallbackPolicies.fromSupergraph(sdl)).toThrow(
      /PlaySession\.features: DEFAULT needs a default/,
    );
  });

  it('reject a default that is not JSON, naming the field', () => {
    const sdl = `type Title { synopsis: String @fallback(policy: "DEFAULT", default: "{not json") }`;
    expect(() => FallbackPolicies.fromSupergraph(sdl)).toThrow(FallbackPolicyError);
    expect(() => FallbackPolicies.fromSupergraph(sdl)).toThrow(/Title\.synopsis: default is not valid JSON/);
  });

  it('reject an invalid policy on a type, naming the type', () => {
    const sdl = `type Account @fallback(policy: "STALE_THEN_DEFAULT", maxAgeSeconds: 60) { id: ID! }`;
    expect(() => FallbackPolicies.fromSupergraph(sdl)).toThrow(
      /on Account: STALE_THEN_DEFAULT needs a default/,
    );
  });

  it('read a valid inline policy with its JSON default', () => {
    const policies = FallbackPolicies.fromSupergraph(
      `type Title { genres: [String!]! @fallback(policy: "DEFAULT", default: "[\\"drama\\"]") }`,
    );
    expect(policies.forField('Title', 'genres')).toEqual({ kind: 'DEFAULT', default: ['drama'] });
  });
});

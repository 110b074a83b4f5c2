import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '@platform/composition';
import { CachePolicies } from './cachePolicy';

const SDL = `
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT
  enum CacheControlScope { PUBLIC PRIVATE }
  enum Tier { BASIC PREMIUM }
  type Title @cacheControl(maxAge: 60) {
    id: ID!
    name: String!
    tier: Tier
    shortLived: String @cacheControl(maxAge: 5)
    mine: String @cacheControl(scope: PRIVATE)
    offer: Offer
    encoding: Encoding
    undeclared: Other
  }
  type Offer @cacheControl(inheritMaxAge: true) { price: Int }
  type Encoding @cacheControl(maxAge: 30) { height: Int }
  type Other { value: String }
  type Account @cacheControl(maxAge: 60, scope: PRIVATE) { id: ID! }
  type Profile { id: ID! }
  type Query {
    title(id: ID!): Title
    titles: [Title!]! @cacheControl(maxAge: 10, scope: PUBLIC)
    me: Account
    profile: Profile
    version: String
  }
`;
const entities = (selection: string, type = 'Title') =>
  `query Q($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${type} { ${selection} } } }`;

describe('cache policies of _entities fetches', () => {
  const policies = CachePolicies.fromSdl(SDL);

  it('are PUBLIC for the maxAge of the type when every field is a scalar or enum of a PUBLIC type', () => {
    expect(policies.forEntitiesQuery(entities('__typename id name tier'))).toEqual({ maxAgeSeconds: 60 });
  });

  it('take the smallest maxAge of any field asked for, nested objects included', () => {
    expect(policies.forEntitiesQuery(entities('id shortLived'))).toEqual({ maxAgeSeconds: 5 });
    expect(policies.forEntitiesQuery(entities('id encoding { height }'))).toEqual({ maxAgeSeconds: 30 });
    expect(policies.forEntitiesQuery(entities('id offer { price }'))).toEqual({ maxAgeSeconds: 60 });
  });

  it('are never shared when a field asked for is PRIVATE, undeclared or of a PRIVATE or undeclared type', () => {
    expect(policies.forEntitiesQuery(entities('id mine'))).toBeNull();
    expect(policies.forEntitiesQuery(entities('id undeclared { value }'))).toBeNull();
    expect(policies.forEntitiesQuery(entities('id', 'Account'))).toBeNull();
    expect(policies.forEntitiesQuery(entities('id', 'Profile'))).toBeNull();
  });

  it('are never shared for a root fetch or a query they cannot read', () => {
    expect(policies.forEntitiesQuery('{ title(id: "t") { id } }')).toBeNull();
    expect(policies.forEntitiesQuery('query {')).toBeNull();
  });

  it("cover the catalog's Title fetch of a play in the checked-in supergraph", () => {
    const supergraph = CachePolicies.fromSdl(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    expect(
      supergraph.forEntitiesQuery(
        entities(
          'maturityRating countries windowStart windowEnd subscriptionTier rental { priceCents currency hours } purchase { priceCents currency } drmRequired encodings { id codec width height bitrateKbps hdr } durationSeconds name',
        ),
      ),
    ).toEqual({ maxAgeSeconds: 60 });
  });
});

describe('cache policies of root queries', () => {
  const policies = CachePolicies.fromSdl(SDL);

  it("are PUBLIC when every root field is, a field's own hint first, then the type it returns", () => {
    expect(policies.forRootQuery('query($id: ID!) { title(id: $id) { id name } }')).toEqual({
      maxAgeSeconds: 60,
    });
    expect(policies.forRootQuery('{ titles { id } }')).toEqual({ maxAgeSeconds: 10 });
    expect(policies.forRootQuery('{ a: title(id: "1") { id } titles { id } }')).toEqual({
      maxAgeSeconds: 10,
    });
  });

  it('are never shared when a root field or anything below it is PRIVATE or undeclared', () => {
    expect(policies.forRootQuery('{ me { id } }')).toBeNull();
    expect(policies.forRootQuery('{ profile { id } }')).toBeNull();
    expect(policies.forRootQuery('{ version }')).toBeNull();
    expect(policies.forRootQuery('{ titles { id } me { id } }')).toBeNull();
    expect(policies.forRootQuery('{ title(id: "1") { id mine } }')).toBeNull();
  });

  it('are never shared for a mutation, an _entities fetch or a query they cannot read', () => {
    expect(policies.forRootQuery('mutation { titles { id } }')).toBeNull();
    expect(policies.forRootQuery(entities('id'))).toBeNull();
    expect(policies.forRootQuery('{')).toBeNull();
  });

  it("cover the catalog's rows and title pages in the checked-in supergraph, and not a play", () => {
    const supergraph = CachePolicies.fromSdl(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    expect(
      supergraph.forRootQuery('query($g: String) { titles(genre: $g) { edges { node { id name } } } }'),
    ).toEqual({ maxAgeSeconds: 60 });
    expect(supergraph.forRootQuery('{ title(id: "t-1") { id name synopsis } }')).toEqual({
      maxAgeSeconds: 60,
    });
    expect(supergraph.forRootQuery('query($input: PlayInput!) { play(input: $input) { id } }')).toBeNull();
    expect(supergraph.forRootQuery('{ me { id } }')).toBeNull();
  });
});

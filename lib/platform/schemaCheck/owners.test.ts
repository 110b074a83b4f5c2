import { ownerIndex, ownersOf } from './owners';

const SUPERGRAPH = /* GraphQL */ `
  enum join__Graph {
    CATALOG @join__graph(name: "catalog", url: "http://catalog.invalid")
    PLAYBACK @join__graph(name: "playback", url: "http://playback.invalid")
  }

  type Title @join__type(graph: CATALOG, key: "id") @join__type(graph: PLAYBACK, key: "id") {
    id: ID!
    name: String! @join__field(graph: CATALOG)
    durationSeconds: Int! @join__field(graph: CATALOG) @join__field(graph: PLAYBACK, external: true)
  }

  type Query @join__type(graph: CATALOG) {
    title(id: ID!): Title
  }

  enum Tier @join__type(graph: CATALOG) @join__type(graph: PLAYBACK) {
    BASIC @join__enumValue(graph: CATALOG) @join__enumValue(graph: PLAYBACK)
    LEGACY @join__enumValue(graph: PLAYBACK)
  }
`;

describe('subgraph owners from join__ directives', () => {
  const index = ownerIndex(SUPERGRAPH);

  it('gives a field the graphs of its @join__field, leaving out the ones where it is @external', () => {
    expect(ownersOf('Title.name', [index])).toEqual(['catalog']);
    expect(ownersOf('Title.durationSeconds', [index])).toEqual(['catalog']);
  });

  it('gives a field without @join__field every graph of its type', () => {
    expect(ownersOf('Title.id', [index])).toEqual(['catalog', 'playback']);
    expect(ownersOf('Title', [index])).toEqual(['catalog', 'playback']);
  });

  it('gives an argument the owners of its field, and an enum value its @join__enumValue graphs', () => {
    expect(ownersOf('Query.title.id', [index])).toEqual(['catalog']);
    expect(ownersOf('Tier.LEGACY', [index])).toEqual(['playback']);
  });

  it('asks the next index for a coordinate the first does not know, and answers none when nobody does', () => {
    const earlier = ownerIndex(
      SUPERGRAPH.replace('name: String! @join__field(graph: CATALOG)', 'rating: Int'),
    );

    expect(ownersOf('Title.name', [earlier, index])).toEqual(['catalog']);
    expect(ownersOf('Title.nothing', [earlier, index])).toEqual([]);
  });
});

import { coordinatesOf as used } from '@testing/coordinateExamples';

describe('the coordinates a device operation uses', () => {
  it('lists the fields it selects, the arguments it passes and the types it reads', () => {
    expect([...used('query T($id: ID!) { title(id: $id) { id name tier } }')].sort()).toEqual(
      [
        'ID',
        'Query',
        'Query.title',
        'Query.title.id',
        'String',
        'Tier',
        'Title',
        'Title.id',
        'Title.name',
        'Title.tier',
      ].sort(),
    );
  });

  it('includes the fields of a fragment the operation spreads', () => {
    const coordinates = used('query T { title(id: "t") { ...F } } fragment F on Title { rating }');

    expect(coordinates).toContain('Title.rating');
  });

  it("leaves out GraphQL's own fields, which no schema change can remove", () => {
    const coordinates = used('query T { __typename title(id: "t") { __typename id } }');

    expect([...coordinates].filter((coordinate) => coordinate.includes('__'))).toEqual([]);
    expect(coordinates).toContain('Title.id');
  });

  it('counts every field and enum of an input variable as used: the device decides what it sends', () => {
    const coordinates = used('query S($filter: Filter!) { search(filter: $filter) { id } }');

    expect([...coordinates]).toEqual(
      expect.arrayContaining(['Filter', 'Filter.tier', 'Filter.text', 'Tier']),
    );
  });
});

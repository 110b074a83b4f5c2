import { coordinatesOf as used, exampleSchema as schema } from '@testing/coordinateExamples';
import { isAffected } from './operationUsage';

describe('whether a change affects an operation', () => {
  const titleQuery = used('query T { title(id: "t") { name } }');

  it('is so for a field it selects and not for a field of the same type it does not select', () => {
    expect(isAffected(titleQuery, 'Title.name', schema)).toBe(true);
    expect(isAffected(titleQuery, 'Title.rating', schema)).toBe(false);
  });

  it('is so for a new argument of a field it calls, even one it does not pass', () => {
    expect(isAffected(titleQuery, 'Query.title.region', schema)).toBe(true);
    expect(isAffected(titleQuery, 'Query.search.region', schema)).toBe(false);
  });

  it('is so for a value of an enum it reads, and not for an enum it never touches', () => {
    expect(isAffected(used('query T { title(id: "t") { tier } }'), 'Tier.BASIC', schema)).toBe(true);
    expect(isAffected(titleQuery, 'Tier.BASIC', schema)).toBe(false);
  });
});

import { hintOf } from './responseFreshness';

describe("a subgraph's cache-control, read as a cache hint", () => {
  it.each([
    ['max-age=60, public', { maxAge: 60, scope: 'PUBLIC' }],
    ['private, max-age=5', { maxAge: 5, scope: 'PRIVATE' }],
    ['Max-Age=30', { maxAge: 30 }],
    // Anything else means "not cacheable": the whole answer then is not.
    ['no-store', { maxAge: 0 }],
    ['max-age=soon, public', { maxAge: 0, scope: 'PUBLIC' }],
    [undefined, { maxAge: 0 }],
  ])('%s', (header, hint) => {
    expect(hintOf(header)).toEqual(hint);
  });
});

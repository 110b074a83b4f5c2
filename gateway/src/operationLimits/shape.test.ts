import { getOperationAST, parse } from 'graphql';
import { measureOperation, type OperationShape } from './shape';

function measure(query: string): OperationShape {
  const document = parse(query);
  return measureOperation(document, getOperationAST(document)!);
}

describe('measureOperation', () => {
  it('counts aliases, fields, directives and depth of a plain operation', () => {
    expect(measure('query Q @a { x: me @b { id profiles { id @c } } }')).toEqual({
      aliases: 1,
      fields: 4,
      directives: 3,
      depth: 3,
    });
  });

  it('counts a fragment each time it is spread, and its depth where it is spread', () => {
    expect(measure('{ me { ...A ...A } } fragment A on Account { profiles { id } }')).toEqual({
      aliases: 0,
      fields: 5,
      directives: 0,
      depth: 3,
    });
  });

  it('measures fragments that double at every level in linear time, and finds their true size', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Query { a: __typename }`
        : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    // Expanded, this is 2^39 fields: the test would not finish if fragments were walked per spread.
    const shape = measure(`{ ...F0 } ${fragments.join(' ')}`);
    expect(shape.aliases).toBe(2 ** (levels - 1));
  });

  it('leaves introspection out: the gateway answers it from the schema', () => {
    expect(measure('{ __schema { types { fields { type { ofType { name } } } } } me { id } }')).toEqual({
      aliases: 0,
      fields: 2,
      directives: 0,
      depth: 2,
    });
  });

  it('survives a fragment cycle, which validation refuses anyway', () => {
    expect(
      measure('{ ...A } fragment A on Query { me { id } ...B } fragment B on Query { ...A }').fields,
    ).toBe(2);
  });
});

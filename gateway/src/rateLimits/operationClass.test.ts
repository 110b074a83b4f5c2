import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getOperationAST, parse } from 'graphql';
import { chargeFor } from './operationClass';

const OPERATIONS_DIR = path.resolve(__dirname, '../../../clients/operations');

function charge(source: string, operationName?: string) {
  const document = parse(source);
  const operation = getOperationAST(document, operationName);
  if (!operation) throw new Error('the test document has no such operation');
  return chargeFor(document, operation);
}

describe('which budget an operation is charged to', () => {
  it.each([
    ['Play', { operationClass: 'play', points: 1 }],
    ['StartPlayback', { operationClass: 'play', points: 1 }],
    ['Prefetch', { operationClass: 'prefetch', points: 1 }],
    ['Titles', { operationClass: 'browse', points: 1 }],
    ['Title', { operationClass: 'browse', points: 1 }],
    ['Me', { operationClass: 'browse', points: 1 }],
    ['EndPlayback', { operationClass: 'endPlayback', points: 1 }],
  ])('charges the device operation %s to its class', (name, expected) => {
    const source = readFileSync(path.join(OPERATIONS_DIR, `${name}.graphql`), 'utf8');
    expect(charge(source)).toEqual(expected);
  });

  it('charges one play point per aliased play, so aliases cannot multiply the budget', () => {
    expect(charge('{ a: play(input: $i) { id } b: play(input: $i) { id } titles { totalCount } }')).toEqual({
      operationClass: 'play',
      points: 2,
    });
  });

  it('finds play inside fragments and inline fragments at the root', () => {
    const source = `
      query Hidden { ...Root ... on Query { again: play(input: $i) { id } } }
      fragment Root on Query { play(input: $i) { id } me { id } }`;
    expect(charge(source)).toEqual({ operationClass: 'play', points: 2 });
  });

  it('charges only the operation that runs, not the other operations of the document', () => {
    const source = `query Browse { titles { totalCount } } query Watch { play(input: $i) { id } }`;
    expect(charge(source, 'Browse')).toEqual({ operationClass: 'browse', points: 1 });
    expect(charge(source, 'Watch')).toEqual({ operationClass: 'play', points: 1 });
  });

  it('goes by field names, not aliases, and only at the root', () => {
    expect(charge('{ play: titles { totalCount } }')).toEqual({ operationClass: 'browse', points: 1 });
    expect(charge('{ me { play: id } }')).toEqual({ operationClass: 'browse', points: 1 });
  });

  it('ends the walk of a fragment that spreads itself', () => {
    const source = `{ ...Loop } fragment Loop on Query { play(input: $i) { id } ...Loop }`;
    expect(charge(source)).toEqual({ operationClass: 'play', points: 1 });
  });
});

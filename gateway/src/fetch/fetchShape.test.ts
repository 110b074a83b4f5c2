import { parse, type FieldNode } from 'graphql';
import { fetchShape, responseName } from './fetchShape';

const names = (fields: FieldNode[]) => fields.map(responseName);

describe('the shape of a subgraph fetch', () => {
  it('list the root fields of a query, without __typename', () => {
    const shape = fetchShape(
      parse('query($input: PlayInput!) { __typename play(input: $input) { __typename id } }'),
    );
    expect(shape.kind).toBe('root');
    if (shape.kind !== 'root') return;
    expect(shape.operation).toBe('query');
    expect(names(shape.fields)).toEqual(['play']);
  });

  it('tell a mutation from a query', () => {
    const shape = fetchShape(parse('mutation { endSession(id: "s1") }'));
    expect(shape).toMatchObject({ kind: 'root', operation: 'mutation' });
  });

  it('name a root field by its alias, keeping the field name', () => {
    const shape = fetchShape(
      parse('{ first: title(id: "t1") { id } second: title(id: "t2") { id } me { id } }'),
    );
    if (shape.kind !== 'root') throw new Error('expected a root fetch');
    expect(names(shape.fields)).toEqual(['first', 'second', 'me']);
    expect(shape.fields.map((field) => field.name.value)).toEqual(['title', 'title', 'me']);
  });

  it('read root fields through fragment spreads and inline fragments', () => {
    const shape = fetchShape(
      parse('query { ...Top ... { me { id } } } fragment Top on Query { titles { totalCount } }'),
    );
    if (shape.kind !== 'root') throw new Error('expected a root fetch');
    expect(names(shape.fields)).toEqual(['titles', 'me']);
  });

  it('list the fields of each entity type of an _entities fetch from its inline fragments', () => {
    const shape = fetchShape(
      parse(`query($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Profile { __typename accountId maxMaturity }
          ... on Title { __typename name maturityRating }
        }
      }`),
    );
    expect(shape.kind).toBe('entities');
    if (shape.kind !== 'entities') return;
    expect(names(shape.fieldsOf('Profile'))).toEqual(['accountId', 'maxMaturity']);
    expect(names(shape.fieldsOf('Title'))).toEqual(['name', 'maturityRating']);
    expect(shape.fieldsOf('Account')).toEqual([]);
  });

  it('read entity fields through fragment spreads of the right type only, and by alias', () => {
    const shape = fetchShape(
      parse(`query($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ...ProfileFields
          ...TitleFields
          ... { __typename }
        }
      }
      fragment ProfileFields on Profile { owner: accountId maxMaturity }
      fragment TitleFields on Title { name }`),
    );
    if (shape.kind !== 'entities') throw new Error('expected an _entities fetch');
    expect(names(shape.fieldsOf('Profile'))).toEqual(['owner', 'maxMaturity']);
    expect(shape.fieldsOf('Profile').map((field) => field.name.value)).toEqual(['accountId', 'maxMaturity']);
    expect(names(shape.fieldsOf('Title'))).toEqual(['name']);
  });

  it('read a document once and give the same shape for it again', () => {
    const document = parse('{ me { id } }');
    expect(fetchShape(document)).toBe(fetchShape(document));
  });

  it('refuse a document without an operation', () => {
    expect(() => fetchShape(parse('fragment F on Query { me { id } }'))).toThrow(/without an operation/);
  });
});

import { buildSchema, parse } from 'graphql';
import { deniedFields } from './accessPlugin';
import { AccessRules } from './accessRules';

const SDL = `
  directive @access(roles: [String!]!) on FIELD_DEFINITION | OBJECT
  type Query {
    play: Session @access(roles: ["viewer"])
    explain: Explanation
    either: String @access(roles: ["viewer", "analyst"])
    titles: [String]
  }
  type Session { id: ID }
  type Explanation @access(roles: ["analyst"]) { id: ID, reason: String }
`;
const schema = buildSchema(SDL);
const rules = AccessRules.fromSdl(SDL);
const denied = (query: string, held: string[], production = false) =>
  deniedFields(parse(query), schema, rules, held, production);

describe('access rules', () => {
  it("open a field to a caller holding any of its roles, and a type's fields to its roles", () => {
    expect(rules.allows('Query.play', ['viewer'])).toBe(true);
    expect(rules.allows('Query.play', ['analyst'])).toBe(false);
    expect(rules.allows('Query.either', ['analyst'])).toBe(true);
    expect(rules.allows('Query.explain', ['analyst'])).toBe(true);
    expect(rules.allows('Query.explain', ['viewer'])).toBe(false);
    expect(rules.allows('Query.titles', [])).toBe(true);
  });

  it('name every field an operation may not select, fragments included, and what would open it', () => {
    expect(denied('{ play { id } titles ...F } fragment F on Query { explain { id } }', ['viewer'])).toEqual([
      '`Query.explain` needs the analyst role',
    ]);
    expect(denied('{ play { id } explain { reason } }', [])).toEqual([
      '`Query.play` needs the viewer role',
      '`Query.explain` needs the analyst role',
    ]);
    expect(denied('{ either titles }', ['analyst'])).toEqual([]);
  });

  it('judge one parsed document afresh for each caller and each set of rules (its walk is cached per both)', () => {
    const document = parse('{ play { id } explain { id } }');
    expect(deniedFields(document, schema, rules, ['viewer'], false)).toEqual([
      '`Query.explain` needs the analyst role',
    ]);
    expect(deniedFields(document, schema, rules, ['analyst'], false)).toEqual([
      '`Query.play` needs the viewer role',
    ]);
    expect(deniedFields(document, schema, AccessRules.none(), [], false)).toEqual([]);
  });

  it('keep introspection to analysts in production only', () => {
    const introspection = '{ __schema { queryType { name } } __typename }';
    expect(denied(introspection, ['viewer'])).toEqual([]);
    expect(denied(introspection, ['viewer'], true)).toEqual(['introspection needs the analyst role']);
    expect(denied(introspection, ['analyst'], true)).toEqual([]);
  });

  it('read nothing into a supergraph without @access', () => {
    const open = AccessRules.fromSdl('type Query { play: Session } type Session { id: ID }');
    expect(open.restricts('Query.play')).toBe(false);
    expect(open.allows('Query.play', [])).toBe(true);
    expect(AccessRules.none().allows('Query.play', [])).toBe(true);
  });
});

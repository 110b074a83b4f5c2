import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  parse,
  validate,
} from 'graphql';
import { API_SCHEMA_PATH, composeSupergraph, SUPERGRAPH_PATH } from '@platform/composition';
import { REPOSITORY_ROOT } from '@platform/env';

describe('the composed supergraph', () => {
  const composed = composeSupergraph();

  it('composes from the subgraph SDLs and matches the checked-in supergraph (run `npm run compose`)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composed.supergraphSdl);
    expect(readFileSync(API_SCHEMA_PATH, 'utf8')).toBe(composed.apiSdl);
  });

  it('describes every public type, field, argument, input field and enum value for analysts', () => {
    const schema = buildSchema(composed.apiSdl);
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('hides the internal entitlement from the public API', () => {
    expect(composed.apiSdl).not.toMatch(/\bentitlement:|type Entitlement\b/);
    expect(composed.supergraphSdl).toMatch(/type Entitlement/);
  });
});

describe.each([
  ['device operations', 'clients/operations', 'Play.graphql'],
  ["analysts' example operations", 'clients/analyst', 'ExplainPlay.graphql'],
])('%s in %s', (_what, folder, essential) => {
  const schema = buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));
  const directory = path.join(REPOSITORY_ROOT, folder);
  const files = readdirSync(directory).filter((file) => file.endsWith('.graphql'));

  it(`include ${essential}`, () => {
    expect(files).toContain(essential);
  });

  it.each(files)('%s is valid against the composed API schema', (file) => {
    const errors = validate(schema, parse(readFileSync(path.join(directory, file), 'utf8')));
    expect(errors.map((error) => error.message)).toEqual([]);
  });
});

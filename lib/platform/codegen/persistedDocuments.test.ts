import { buildSchema, parse } from 'graphql';
import { documentIdOf } from '@contracts/documentId';
import { persistedDocumentsPlugin, type PersistedDocumentsConfig } from './persistedDocuments';

const schema = buildSchema('type Query { me: String, title: String }');
const file = (location: string, text: string) => ({ location, document: parse(text) });
const run = (files: ReturnType<typeof file>[], output: PersistedDocumentsConfig['output']) =>
  persistedDocumentsPlugin.plugin(schema, files, { output });

describe('the persisted documents codegen plugin', () => {
  const files = [
    file('Title.graphql', '# a comment\nquery Title { title }'),
    file('Me.graphql', 'query Me{me}'),
  ];

  it('lists each operation under the id of its printed text, comments and spacing normalised by print', () => {
    expect(JSON.parse(String(run(files, 'list')))).toEqual({
      [documentIdOf('query Me {\n  me\n}')]: 'query Me {\n  me\n}',
      [documentIdOf('query Title {\n  title\n}')]: 'query Title {\n  title\n}',
    });
  });

  it('writes the ids by operation name for the SDK', () => {
    expect(run(files, 'ids')).toContain(`  Me: '${documentIdOf('query Me {\n  me\n}')}',`);
  });

  it('fails codegen for a file with two operations, a fragment or an anonymous operation', () => {
    for (const text of [
      'query A { me } query B { me }',
      'query A { ...F } fragment F on Query { me }',
      '{ me }',
    ]) {
      expect(() => run([file('Bad.graphql', text)], 'list')).toThrow(/exactly one named operation/);
    }
  });

  it('fails codegen for two operations of the same name', () => {
    expect(() =>
      run([file('A.graphql', 'query Me { me }'), file('B.graphql', 'query Me { title }')], 'ids'),
    ).toThrow(/a second operation named Me/);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse, print } from 'graphql';
import { documentIdOf } from '@contracts/documentId';
import { REPOSITORY_ROOT } from '@platform/env';
import { loadPersistedDocuments, parsePersistedDocuments } from './manifest';

describe('the trusted documents manifest', () => {
  it('lists every device operation in clients/operations as its printed text under that text’s id', () => {
    const directory = path.join(REPOSITORY_ROOT, 'clients/operations');
    const expected = readdirSync(directory)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => print(parse(readFileSync(path.join(directory, file), 'utf8'))));
    const documents = loadPersistedDocuments();
    expect([...documents.values()].sort()).toEqual(expected.sort());
    for (const [id, text] of documents) expect(id).toBe(documentIdOf(text));
  });

  it('refuses an entry whose id is not its text’s, as a hand-edited manifest would have', () => {
    const text = '{ me { id } }';
    const json = JSON.stringify({ [documentIdOf('{ titles { totalCount } }')]: text });
    expect(() => parsePersistedDocuments(json)).toThrow(/is not the id of its text/);
  });

  it('refuses ids not written as sha256:<hex>', () => {
    expect(() => parsePersistedDocuments(JSON.stringify({ Play: '{ me { id } }' }))).toThrow(/sha256/);
  });
});

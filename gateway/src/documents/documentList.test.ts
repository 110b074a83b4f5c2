import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse, print } from 'graphql';
import { documentIdOf } from '@contracts/documentId';
import { REPOSITORY_ROOT } from '@platform/env';
import { loadTrustedDocumentList, parseTrustedDocumentList } from './documentList';

describe('the trusted document list', () => {
  it('lists every device operation in clients/operations as its printed text under that text’s id', () => {
    const directory = path.join(REPOSITORY_ROOT, 'clients/operations');
    const expected = readdirSync(directory)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => print(parse(readFileSync(path.join(directory, file), 'utf8'))));
    const documents = loadTrustedDocumentList();
    expect([...documents.values()].sort()).toEqual(expected.sort());
    for (const [id, text] of documents) expect(id).toBe(documentIdOf(text));
  });

  it('refuses an entry whose id is not its text’s, as a hand-edited list would have', () => {
    const text = '{ me { id } }';
    const json = JSON.stringify({ [documentIdOf('{ titles { totalCount } }')]: text });
    expect(() => parseTrustedDocumentList(json)).toThrow(/is not the id of its text/);
  });

  it('refuses ids not written as sha256:<hex>', () => {
    expect(() => parseTrustedDocumentList(JSON.stringify({ Play: '{ me { id } }' }))).toThrow(/sha256/);
  });
});

import { documentIdOf } from '@contracts/documentId';
import { bodyFromSearch, resolveHttpRequest, searchFromBody } from './httpRequest';
import { resolveDocument } from './resolveDocument';

const ME = 'query Me {\n  me {\n    id\n  }\n}';
const ME_ID = documentIdOf(ME);
const documents = new Map([[ME_ID, ME]]);
const enforce = { mode: 'enforce', mayRunFreeForm: false } as const;

describe('GraphQL over GET', () => {
  it('runs a trusted document named by id in the search, handing Apollo its text as a search', () => {
    const search = `?${new URLSearchParams({ documentId: ME_ID, variables: '{"first":1}' })}`;
    const resolved = resolveDocument(bodyFromSearch(search), enforce, documents);
    expect(resolved).toMatchObject({ outcome: 'run', documentId: ME_ID });
    const body = resolved.outcome === 'run' ? resolved.body : {};
    expect(Object.fromEntries(new URLSearchParams(searchFromBody(body)))).toEqual({
      query: ME,
      variables: '{"first":1}',
    });
  });

  it('refuses a free-form query in the search in enforce mode, as it would in a POST body', () => {
    const search = `?${new URLSearchParams({ query: '{ titles { totalCount } }' })}`;
    expect(resolveDocument(bodyFromSearch(search), enforce, documents)).toMatchObject({
      outcome: 'refuse',
      error: { status: 400, code: 'PERSISTED_QUERY_NOT_IN_LIST' },
    });
  });

  it('reads an APQ extension from the search and keeps a value that is not JSON for the checks to refuse', () => {
    const hash = ME_ID.slice('sha256:'.length);
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    expect(bodyFromSearch(`?extensions=${encodeURIComponent(extensions)}&variables=%7Bnot-json`)).toEqual({
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      variables: '{not-json',
    });
  });
});

describe('resolveHttpRequest', () => {
  const resolve = (body: unknown) => resolveDocument(body, enforce, documents);

  it('hands Apollo a POST with the resolved body', () => {
    expect(resolveHttpRequest({ method: 'POST', body: { documentId: ME_ID }, search: '' }, resolve)).toEqual({
      outcome: 'run',
      request: { method: 'POST', body: { query: ME }, search: '' },
      documentId: ME_ID,
    });
  });

  it('hands Apollo a GET with the resolved text in its search', () => {
    const search = `?${new URLSearchParams({ documentId: ME_ID })}`;
    expect(resolveHttpRequest({ method: 'GET', body: undefined, search }, resolve)).toEqual({
      outcome: 'run',
      request: { method: 'GET', body: undefined, search: `?${new URLSearchParams({ query: ME })}` },
      documentId: ME_ID,
    });
  });

  it('refuses a free-form query sent over GET in enforce mode', () => {
    const search = `?${new URLSearchParams({ query: '{ me { id } }' })}`;
    expect(resolveHttpRequest({ method: 'GET', body: undefined, search }, resolve)).toMatchObject({
      outcome: 'refuse',
      error: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
    });
  });

  it("lets a GET without a search through to Apollo's landing page, which runs no operation", () => {
    const landing = { method: 'GET', body: undefined, search: '' };
    expect(resolveHttpRequest(landing, resolve)).toEqual({
      outcome: 'run',
      request: landing,
      documentId: null,
    });
  });
});

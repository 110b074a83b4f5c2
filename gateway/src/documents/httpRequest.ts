/**
 * One HTTP request to `/graphql`, as the HTTP layer hands it to Apollo Server (`method`, parsed `body`,
 * `search`), resolved against the trusted documents. GraphQL over GET
 * (`/graphql?documentId=sha256:…&variables={…}`, cacheable by a CDN) goes through the same
 * `resolveDocument` as a POST body: otherwise `GET /graphql?query=…` would run any query in `enforce`
 * mode. Its search is turned into a body, resolved, and handed back to Apollo Server as a search (Apollo
 * still refuses mutations over GET and applies its CSRF rules).
 */
import type { DocumentResolution, GraphQLRequestBody } from './resolveDocument';
import type { DocumentRefusal } from './refusal';

/** What the HTTP layer hands Apollo Server, once resolved: `body` for a POST, `search` for a GET. */
export interface GraphQLHttpRequest {
  method: string;
  body: unknown;
  /** The URL's search, `?` included, or `''`. */
  search: string;
}

export type HttpRequestResolution =
  | { outcome: 'run'; request: GraphQLHttpRequest; documentId: string | null }
  | { outcome: 'refuse'; error: DocumentRefusal };

/**
 * Resolves a POST's body or a GET's search with `resolve` (`TrustedDocuments.resolveDocument`). A GET
 * without a search runs unchanged: it is Apollo's landing page (the explorer), which runs no operation.
 */
export function resolveHttpRequest(
  request: GraphQLHttpRequest,
  resolve: (body: unknown) => DocumentResolution,
): HttpRequestResolution {
  const get = request.method.toUpperCase() === 'GET';
  if (get && new URLSearchParams(request.search).size === 0) {
    return { outcome: 'run', request, documentId: null };
  }
  const resolved = resolve(get ? bodyFromSearch(request.search) : request.body);
  if (resolved.outcome === 'refuse') return resolved;
  const { body, documentId } = resolved;
  return {
    outcome: 'run',
    request: get ? { ...request, search: searchFromBody(body) } : { ...request, body },
    documentId,
  };
}

/** GET's JSON-valued parameters; a value that is not JSON is kept as sent, for the checks to refuse. */
const JSON_PARAMETERS = ['variables', 'extensions'] as const;

/** The request body a GET search stands for: `query`, `documentId`, `operationName`, `variables`, `extensions`. */
export function bodyFromSearch(search: string): Record<string, unknown> {
  const parameters = new URLSearchParams(search);
  const body: Record<string, unknown> = {};
  for (const name of ['query', 'documentId', 'operationName'] as const) {
    const value = parameters.get(name);
    if (value !== null) body[name] = value;
  }
  for (const name of JSON_PARAMETERS) {
    const value = parameters.get(name);
    if (value === null) continue;
    try {
      body[name] = JSON.parse(value);
    } catch {
      body[name] = value;
    }
  }
  return body;
}

/** The search Apollo Server reads a GET request from, for a resolved body. */
export function searchFromBody(body: GraphQLRequestBody): string {
  const parameters = new URLSearchParams();
  if (body.query !== undefined) parameters.set('query', body.query);
  if (body.operationName !== undefined) parameters.set('operationName', body.operationName);
  for (const name of JSON_PARAMETERS) {
    if (body[name] !== undefined) parameters.set(name, JSON.stringify(body[name]));
  }
  return `?${parameters}`;
}

/**
 * What the gateway's own answer may say in `cache-control`: the strictest of what every part of it
 * allows. A subgraph's answer brings its `cache-control` (computed by Apollo Server from its
 * `@cacheControl` hints; none or `no-store` means maxAge 0, so the whole answer is not cacheable),
 * an entity served from the gateway's cache brings the time it has left, and a fallback makes the
 * answer `no-store` (fallback/plugin.ts). Apollo Server's cache-control plugin then writes the header
 * from the request's overall policy, as it does for Apollo's own data sources.
 */
import type { GatewayCacheHint } from '@apollo/server-gateway-interface';

/** Apollo's reading of a subgraph's `cache-control` (as RemoteGraphQLDataSource does). */
export function hintOf(cacheControl: string | undefined): GatewayCacheHint {
  const directives = new Map(
    (cacheControl ?? '').split(',').map((part) => {
      const [name = '', value] = part.trim().toLowerCase().split('=');
      return [name, value] as const;
    }),
  );
  const maxAge = directives.get('max-age');
  const hint: GatewayCacheHint = { maxAge: maxAge && /^\d+$/.test(maxAge) ? Number(maxAge) : 0 };
  if (directives.has('private')) hint.scope = 'PRIVATE';
  if (directives.has('public')) hint.scope = 'PUBLIC';
  return hint;
}

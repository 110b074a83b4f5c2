/**
 * Where the gateway's supergraph comes from (`SUPERGRAPH_PATH`, `SUPERGRAPH_URL`,
 * `SUPERGRAPH_POLL_MS` in env.ts), turned into a {@link SupergraphSource}.
 */
import type { Logger } from '@platform/log';
import { pollSupergraph, readSupergraphUrl } from './poll';
import { SupergraphSource, type SupergraphOutcome } from './source';
import { readSupergraphFile, watchSupergraphFile } from './watch';

export type SupergraphOrigin =
  /** A file, watched; re-read every `pollMs` as well, in case an event is missed. */
  | { kind: 'file'; path: string; pollMs: number }
  /** A URL, polled every `pollMs`. */
  | { kind: 'url'; url: string; pollMs: number }
  /** A supergraph given as text (tests): it never changes. */
  | { kind: 'fixed'; sdl: string };

/** How long one GET of `SUPERGRAPH_URL` may take; polls due meanwhile wait as one (source.ts). */
const URL_TIMEOUT_MS = 5_000;

export function supergraphSource(
  origin: SupergraphOrigin,
  options: {
    check: (sdl: string) => void;
    logger: Logger;
    onOutcome?: (outcome: SupergraphOutcome) => void;
  },
): SupergraphSource {
  switch (origin.kind) {
    case 'file':
      return new SupergraphSource({
        ...options,
        origin: origin.path,
        read: readSupergraphFile(origin.path),
        watch: watchSupergraphFile(origin.path, { safetyMs: origin.pollMs, logger: options.logger }),
      });
    case 'url':
      return new SupergraphSource({
        ...options,
        origin: origin.url,
        read: readSupergraphUrl(origin.url, URL_TIMEOUT_MS),
        watch: pollSupergraph(origin.pollMs),
      });
    case 'fixed':
      return new SupergraphSource({
        ...options,
        origin: 'fixed',
        read: () => Promise.resolve(origin.sdl),
        watch: () => () => {},
      });
  }
}

/**
 * The analysts' explorer on the gateway's public listener: the bundle's files under `/explorer/`
 * (browserBundle.ts: looked up per request, so a bundle built after the gateway started is served),
 * and the page itself for a browser's GET of `/graphql` (publicApp.ts asks {@link wantsPage}).
 * The page runs no operation and needs no token; the operations it sends carry the headers the
 * user typed, and go through the same checks as any other.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '@platform/log';
import { prefersHtml } from './acceptsHtml';
import { serveBundle } from './browserBundle';
import { EXPLORER_BUNDLE_DIR, explorerBundleBuilt } from './bundle';
import { EXAMPLE_FOLDERS, readExamples } from './examples';
import { EXPLORER_ASSETS_PREFIX, EXPLORER_CSP, explorerPage } from './page';

export interface ExplorerOptions {
  /** Where the page sends operations (`/graphql`). */
  endpoint: string;
  production: boolean;
  logger: Logger;
  /** Defaults to {@link EXPLORER_BUNDLE_DIR}. */
  bundleDir?: string;
  /** Defaults to {@link EXAMPLE_FOLDERS}. */
  exampleFolders?: readonly string[];
}

export interface Explorer {
  /** A GET that prefers HTML: a browser opening the endpoint, not a GraphQL client. */
  wantsPage(request: FastifyRequest): boolean;
  sendPage(reply: FastifyReply): Promise<FastifyReply>;
}

export async function registerExplorer(app: FastifyInstance, options: ExplorerOptions): Promise<Explorer> {
  const bundleDir = options.bundleDir ?? EXPLORER_BUNDLE_DIR;
  await serveBundle(app, EXPLORER_ASSETS_PREFIX, bundleDir);
  return {
    wantsPage: (request) => request.method === 'GET' && prefersHtml(request.headers.accept),
    async sendPage(reply) {
      let examples;
      try {
        examples = await readExamples(options.exampleFolders ?? EXAMPLE_FOLDERS);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        options.logger.error('explorer examples unreadable', { error: message });
        return reply
          .code(500)
          .type('text/plain; charset=utf-8')
          .send(
            options.production
              ? 'The explorer is unavailable: its example operations could not be read.'
              : `The explorer's example operations could not be read: ${message}`,
          );
      }
      const html = explorerPage({
        config: {
          endpoint: options.endpoint,
          tabs: examples.tabs,
          storageNamespace: examples.fingerprint,
        },
        production: options.production,
        bundleBuilt: explorerBundleBuilt(bundleDir),
      });
      return reply
        .code(200)
        .type('text/html; charset=utf-8')
        .header('content-security-policy', EXPLORER_CSP)
        .header('cache-control', 'no-store')
        .send(html);
    },
  };
}

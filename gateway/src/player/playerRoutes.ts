/**
 * The reference web player (clients/player/web/) on the gateway's public listener, in development
 * only: in production none of these routes exist (404). `/player/` is the page, `/player/assets/`
 * its bundle, and two development helpers stand in for what a real device has elsewhere:
 *
 * - `GET /player/dev-token?account=<id>`: a development bearer token for a demo account, as
 *   `npm run token` prints (an identity provider's job in production).
 * - `PUT|DELETE /player/dev/cdns/<cdnId>/faults`: sets or clears faults on that CDN's reference edge
 *   (`/_faults`, docs/media-plane.md), which the page cannot reach itself (the edges send no CORS
 *   headers for it).
 *
 * The dataset (accounts, CDN URLs) and the identity key are read on first use from the gateway's
 * environment (`DATASET`, `KEYS_DIR`), as the token script does.
 */
import type { FastifyInstance } from 'fastify';
import { issueDevelopmentToken } from '@platform/identity';
import { loadDataset } from '@platform/dataset/load';
import type { Dataset } from '@platform/dataset/model';
import { commonEnvShape, parseEnv } from '@platform/env';
import { loadSigningKey, type SigningKey } from '@platform/keys/keyring';
import { keySource } from '@platform/keys/source';
import type { Logger } from '@platform/log';
import { serveBundle } from '../explorer/browserBundle';
import { PLAYER_BUNDLE_DIR, playerBundleBuilt } from './bundle';
import type { DevTokenAnswer, PlayerPageConfig } from '../../../clients/player/web/pageConfig';
import { PLAYER_ASSETS_PREFIX, playerCsp, playerPage } from './page';

export interface PlayerRouteOptions {
  logger: Logger;
  /** Defaults to {@link PLAYER_BUNDLE_DIR}. */
  bundleDir?: string;
  /** Defaults to the gateway's `DATASET` (the demo dataset when unset). */
  dataset?: () => Dataset;
  /** Defaults to the development identity key of `KEYS_DIR`. */
  identityKey?: () => Promise<SigningKey>;
  /** How the gateway reaches an edge's `/_faults`. Defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

/** Registers the page and its helpers; call it only outside production. */
export async function registerPlayer(app: FastifyInstance, options: PlayerRouteOptions): Promise<void> {
  const bundleDir = options.bundleDir ?? PLAYER_BUNDLE_DIR;
  let dataset: Dataset | undefined;
  const data = () => (dataset ??= (options.dataset ?? (() => loadDataset(process.env.DATASET)))());
  let key: Promise<SigningKey> | undefined;
  const identityKey = () =>
    (key ??= (
      options.identityKey ??
      (() => {
        const env = parseEnv(commonEnvShape);
        return loadSigningKey('identity', keySource('identity', { ...process.env, ...env }));
      })
    )());
  const edgeFetch = options.fetch ?? fetch;

  await serveBundle(app, PLAYER_ASSETS_PREFIX, bundleDir);

  app.get('/player', async (_request, reply) => reply.redirect('/player/'));
  app.get('/player/', async (_request, reply) => {
    const { users, cdns } = data();
    const config: PlayerPageConfig = {
      accounts: users.map((user) => ({
        id: user.id,
        country: user.country,
        subscription: user.subscription
          ? `${user.subscription.tier} ${user.subscription.status}`
          : 'no subscription',
      })),
      cdns: cdns.map((cdn) => ({ id: cdn.id, baseUrl: cdn.baseUrl })),
    };
    const origins = [...new Set(cdns.flatMap((cdn) => originOf(cdn.baseUrl)))];
    return reply
      .code(200)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', playerCsp(origins))
      .header('cache-control', 'no-store')
      .send(playerPage(config, playerBundleBuilt(bundleDir)));
  });

  app.get('/player/dev-token', async (request, reply) => {
    const accountId = (request.query as Record<string, unknown>).account;
    const account = data().users.find((user) => user.id === accountId);
    if (typeof accountId !== 'string' || !account) {
      return reply.code(400).send({
        error: `Name a demo account: /player/dev-token?account=<id>, one of ${data()
          .users.map((user) => user.id)
          .join(', ')}`,
      });
    }
    const answer: DevTokenAnswer = {
      token: await issueDevelopmentToken(await identityKey(), account.id),
      accountId: account.id,
      country: account.country,
    };
    return reply.code(200).header('cache-control', 'no-store').send(answer);
  });

  app.route({
    method: ['PUT', 'DELETE'],
    url: '/player/dev/cdns/:cdnId/faults',
    handler: async (request, reply) => {
      const { cdnId } = request.params as { cdnId: string };
      const cdn = data().cdns.find((candidate) => candidate.id === cdnId);
      if (!cdn) return reply.code(404).send({ error: `No CDN ${cdnId} in the dataset` });
      const origin = originOf(cdn.baseUrl)[0];
      if (!origin) return reply.code(400).send({ error: `${cdnId}'s baseUrl is not a URL` });
      const down = request.method === 'PUT';
      try {
        const response = await edgeFetch(`${origin}/_faults`, {
          method: down ? 'POST' : 'DELETE',
          headers: { 'content-type': 'application/json' },
          body: down ? JSON.stringify(request.body ?? {}) : null,
          signal: AbortSignal.timeout(5_000),
        });
        return reply.code(response.status).send(await response.json());
      } catch (error) {
        options.logger.warn('edge fault control unreachable', { cdnId, error: (error as Error).message });
        return reply.code(502).send({
          error: `The edge of ${cdnId} at ${origin} did not answer (is npm start running its edges?)`,
        });
      }
    },
  });
}

function originOf(url: string): string[] {
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

import { z } from 'zod';
import { commonEnvShape, EnvError, parseEnv, port } from '../../lib/env';
import { API_AUDIENCE, DEVELOPMENT_ISSUER } from '../../lib/auth/identity';
import { keyEnvShape } from '../../lib/keys/source';
import type { SubgraphName } from '../../lib/schema/compose';

const DEFAULT_PORTS: Record<SubgraphName, number> = {
  profiles: 4001,
  entitlements: 4002,
  catalog: 4003,
  playback: 4004,
};

/**
 * The gateway's settings: read from `process.env` here and nowhere else. Each subgraph is found at
 * `<NAME>_URL`, or on localhost at `<NAME>_PORT` (the port that subgraph listens on by default).
 */
export function loadGatewayEnv(env: NodeJS.ProcessEnv = process.env) {
  const settings = parseEnv(
    {
      ...commonEnvShape,
      PORT: port(4000),
      HOST: z.string().default('127.0.0.1'),
      ...keyEnvShape('identity', 'gateway', 'manifest'),
      /** Production: the identity provider's JWK Set URL (instead of IDENTITY_PUBLIC_JWKS). */
      IDENTITY_JWKS_URL: z.url().optional(),
      IDENTITY_ISSUER: z.string().default(DEVELOPMENT_ISSUER),
      IDENTITY_AUDIENCE: z.string().default(API_AUDIENCE),
      PROFILES_URL: z.url().optional(),
      PROFILES_PORT: port(DEFAULT_PORTS.profiles),
      ENTITLEMENTS_URL: z.url().optional(),
      ENTITLEMENTS_PORT: port(DEFAULT_PORTS.entitlements),
      CATALOG_URL: z.url().optional(),
      CATALOG_PORT: port(DEFAULT_PORTS.catalog),
      PLAYBACK_URL: z.url().optional(),
      PLAYBACK_PORT: port(DEFAULT_PORTS.playback),
    },
    env,
  );
  const local = (port: number) => `http://127.0.0.1:${port}/graphql`;
  const subgraphUrls: Record<SubgraphName, string> = {
    profiles: settings.PROFILES_URL ?? local(settings.PROFILES_PORT),
    entitlements: settings.ENTITLEMENTS_URL ?? local(settings.ENTITLEMENTS_PORT),
    catalog: settings.CATALOG_URL ?? local(settings.CATALOG_PORT),
    playback: settings.PLAYBACK_URL ?? local(settings.PLAYBACK_PORT),
  };
  if (settings.NODE_ENV === 'production' && settings.IDENTITY_ISSUER === DEVELOPMENT_ISSUER) {
    throw new EnvError('Invalid environment:\n  IDENTITY_ISSUER: production needs the real identity issuer');
  }
  return { ...settings, subgraphUrls };
}

export type GatewayEnv = ReturnType<typeof loadGatewayEnv>;

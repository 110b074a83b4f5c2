/**
 * Keys for a cluster the Helm chart deploys (docs/deploy.md, "Keys"): a fresh set of every key the
 * services use, none of them development keys, and one Kubernetes Secret per service holding exactly
 * the variables that service reads (`secretEnv` in the chart's files/services.json), a private key only
 * in the service that signs with it.
 */
import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK } from 'jose';
import {
  deriveSubgraphKeySet,
  GATEWAY_SECRET_VARIABLE,
  newGatewaySecretSet,
  subgraphKeysVariable,
} from '@platform/keys/gatewaySecret';
import { KEY_PURPOSES, type KeyPurpose } from '@platform/keys/keyring';
import type { ChartServices } from './chartFiles';

/** Who signs with each purpose's private key; every other service that reads the purpose verifies. */
const SIGNER: Record<KeyPurpose, string | null> = {
  // Tokens are the identity provider's; the gateway only verifies them.
  identity: null,
  grant: 'entitlements',
  manifest: 'playback',
  edge: 'playback',
};

export interface ClusterKeys {
  /** Each purpose's private set: identity's is for issuing tokens outside the cluster (a test client). */
  privateSets: Record<KeyPurpose, JSONWebKeySet>;
  /** The same keys, public: the edge's go to the CDNs. */
  publicSets: Record<KeyPurpose, JSONWebKeySet>;
  /** One Secret per service: its name and its variables. */
  secrets: { service: string; name: string; data: Record<string, string> }[];
}

/**
 * @param kid what the new keys' ids end with (`manifest-<kid>`...), such as the month of the rotation
 * @param release the Helm release: Secrets are named `<release>-<service>-keys`, the chart's default
 */
export async function clusterKeys(
  services: ChartServices,
  kid: string,
  release: string,
): Promise<ClusterKeys> {
  const privateSets = Object.fromEntries(
    await Promise.all(
      KEY_PURPOSES.map(async (purpose) => {
        const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
        return [purpose, { keys: [{ ...(await exportJWK(privateKey)), kid: `${purpose}-${kid}` }] }];
      }),
    ),
  ) as Record<KeyPurpose, JSONWebKeySet>;
  const gatewaySecret = newGatewaySecretSet(`gateway-${kid}`);
  const publicSets = Object.fromEntries(
    KEY_PURPOSES.map((purpose) => [
      purpose,
      { keys: privateSets[purpose].keys.map(({ kty, crv, x, kid: id }: JWK) => ({ kty, crv, x, kid: id })) },
    ]),
  ) as Record<KeyPurpose, JSONWebKeySet>;

  /** The value a service gets for one of its variables, or undefined when it must not hold it. */
  const valueFor = (service: string, variable: string): JSONWebKeySet | undefined => {
    if (variable === GATEWAY_SECRET_VARIABLE) return gatewaySecret;
    if (variable === subgraphKeysVariable(service)) {
      return { keys: deriveSubgraphKeySet(gatewaySecret.keys, service) };
    }
    const [, purpose, kind] = /^([A-Z]+)_(PRIVATE|PUBLIC)_JWKS$/.exec(variable) ?? [];
    const known = KEY_PURPOSES.find((candidate) => candidate.toUpperCase() === purpose);
    if (!known) return undefined;
    if (kind === 'PRIVATE') return SIGNER[known] === service ? privateSets[known] : undefined;
    // A signer verifies with its private set; anyone else who reads the purpose, with the public one.
    return SIGNER[known] === service ? undefined : publicSets[known];
  };

  const secrets = [services.gateway, ...services.subgraphs].map(({ name, secretEnv }) => ({
    service: name,
    name: `${release}-${name}-keys`,
    data: Object.fromEntries(
      secretEnv.flatMap((variable) => {
        const value = valueFor(name, variable);
        return value ? [[variable, JSON.stringify(value)]] : [];
      }),
    ),
  }));
  return { privateSets, publicSets, secrets };
}

/** The Secrets as one YAML stream for `kubectl apply -f -` (JSON is YAML). */
export function secretManifests(keys: ClusterKeys): string {
  return keys.secrets
    .map(({ name, service, data }) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name,
          labels: { 'app.kubernetes.io/name': 'streaming', 'app.kubernetes.io/component': service },
        },
        type: 'Opaque',
        stringData: data,
      }),
    )
    .map((document) => `---\n${document}\n`)
    .join('');
}

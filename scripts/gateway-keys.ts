/**
 * The gateway credential's keys for production (docs/security.md, "Gateway credential keys"):
 *
 * - `npm run --silent gateway-keys -- new <kid>` prints a new gateway secret set for
 *   `GATEWAY_SECRET_JWKS`; with `GATEWAY_SECRET_JWKS` set, the new key comes first and the current
 *   ones follow, which is how the secret rotates.
 * - `npm run --silent gateway-keys -- subgraph <name>` prints, from `GATEWAY_SECRET_JWKS`, the set for
 *   that subgraph's `<NAME>_GATEWAY_JWKS`: its key derived from each gateway secret, nothing else.
 *
 * Output goes to stdout only, for a secret store; nothing is written to disk.
 */
import {
  deriveSubgraphKeySet,
  GATEWAY_SECRET_VARIABLE,
  newGatewaySecretSet,
  parseSecretSet,
  subgraphKeysVariable,
} from '@platform/keys/gatewaySecret';
import { KeyConfigurationError } from '@platform/keys/keyring';
import { subgraph } from '@platform/registry';

const USAGE = 'Usage: npm run --silent gateway-keys -- new <kid> | subgraph <name>\n';

function main(): string {
  const [command, argument, ...extra] = process.argv.slice(2);
  if (!argument || extra.length > 0) throw new UsageError(USAGE);
  const configured = process.env[GATEWAY_SECRET_VARIABLE];
  if (command === 'new') {
    const current = configured ? parseSecretSet(GATEWAY_SECRET_VARIABLE, configured) : [];
    if (current.some((key) => key.kid === argument)) {
      throw new UsageError(`${GATEWAY_SECRET_VARIABLE} has a key ${argument} already: pick a new kid\n`);
    }
    return JSON.stringify({ keys: [...newGatewaySecretSet(argument).keys, ...current] });
  }
  if (command === 'subgraph') {
    const { name } = subgraph(argument);
    const keys = deriveSubgraphKeySet(parseSecretSet(GATEWAY_SECRET_VARIABLE, configured), name);
    process.stderr.write(`the value of ${subgraphKeysVariable(name)}:\n`);
    return JSON.stringify({ keys });
  }
  throw new UsageError(USAGE);
}

class UsageError extends Error {}

try {
  process.stdout.write(`${main()}\n`);
} catch (error) {
  if (!(
    error instanceof UsageError ||
    error instanceof KeyConfigurationError ||
    (error as Error).name === 'RegistryError'
  )) {
    throw error;
  }
  process.stderr.write(
    (error as Error).message.endsWith('\n') ? (error as Error).message : `${(error as Error).message}\n`,
  );
  process.exit(2);
}

/**
 * `npm run --silent token -- <accountId>`: prints one development bearer token for that account,
 * accepted by a stack started with the same environment (same KEYS_DIR).
 */
import { issueDevelopmentToken } from '@platform/identity';
import { commonEnvShape, parseEnv } from '@platform/env';
import { loadSigningKey } from '@platform/keys/keyring';
import { keySource } from '@platform/keys/source';

async function main() {
  const accountId = process.argv[2];
  if (!accountId) {
    process.stderr.write('Usage: npm run --silent token -- <accountId>\n');
    process.exit(2);
  }
  const env = parseEnv(commonEnvShape);
  if (env.NODE_ENV === 'production') {
    process.stderr.write(
      'Development tokens do not exist in production; sign in with the identity provider.\n',
    );
    process.exit(2);
  }
  const key = await loadSigningKey('identity', keySource('identity', { ...process.env, ...env }));
  process.stdout.write(`${await issueDevelopmentToken(key, accountId)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

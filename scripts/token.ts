/**
 * `npm run --silent token -- <accountId>`: prints one development bearer token for that account (a
 * viewer), accepted by a stack started with the same environment (same KEYS_DIR).
 * `npm run --silent token -- --role analyst <name>`: a token for an analyst (the explorer, explainPlay,
 * reading across accounts; no playing). `--role` may be given more than once.
 */
import { parseArgs } from 'node:util';
import { isRole, ROLES, type Role } from '@contracts/roles';
import { issueDevelopmentToken } from '@platform/identity';
import { commonEnvShape, parseEnv } from '@platform/env';
import { loadSigningKey } from '@platform/keys/keyring';
import { keySource } from '@platform/keys/source';

const USAGE = `Usage: npm run --silent token -- [--role ${ROLES.join('|')}]... <accountId or name>\n`;

function fail(message: string): never {
  process.stderr.write(message);
  process.exit(2);
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: { role: { type: 'string', multiple: true } },
      allowPositionals: true,
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  const [subject, ...extra] = parsed.positionals;
  if (!subject || extra.length > 0) fail(USAGE);
  const named = parsed.values.role;
  const unknown = named?.find((role) => !isRole(role));
  if (unknown !== undefined) fail(`Unknown role "${unknown}": one of ${ROLES.join(', ')}\n${USAGE}`);
  const roles = named as Role[] | undefined;

  const env = parseEnv(commonEnvShape);
  if (env.NODE_ENV === 'production') {
    fail('Development tokens do not exist in production; sign in with the identity provider.\n');
  }
  const key = await loadSigningKey('identity', keySource('identity', { ...process.env, ...env }));
  process.stdout.write(`${await issueDevelopmentToken(key, subject, { roles })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

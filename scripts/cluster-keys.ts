/**
 * `npm run --silent cluster-keys -- <kid> [--release streaming] [--out dir]`: a fresh set of keys for
 * a cluster (scripts/clusterKeys.ts), printed as one Kubernetes Secret per service for
 * `kubectl apply -f -`. With `--out`, two files are also written there (mode 600): the identity
 * private set, which issues test tokens (`IDENTITY_PRIVATE_JWKS=... npm run token`), and the edge's
 * public set, for the CDNs. Nothing else is written; keep stdout out of shell history and logs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chartServices } from './chartFiles';
import { clusterKeys, secretManifests } from './clusterKeys';

const USAGE = 'Usage: npm run --silent cluster-keys -- <kid> [--release streaming] [--out dir]\n';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    options: { release: { type: 'string', default: 'streaming' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  const [kid, ...extra] = positionals;
  if (!kid || extra.length > 0 || !/^[a-z0-9][a-z0-9.-]*$/.test(kid) || kid.startsWith('dev-')) {
    process.stderr.write(
      `${USAGE}<kid>: lower case letters, digits, "." and "-", not "dev-" (development keys)\n`,
    );
    return 2;
  }
  const keys = await clusterKeys(await chartServices(), kid, values.release!);
  if (values.out) {
    mkdirSync(values.out, { recursive: true, mode: 0o700 });
    const write = (file: string, set: object) =>
      writeFileSync(path.join(values.out!, file), JSON.stringify(set), { mode: 0o600 });
    write('identity.private.jwks.json', keys.privateSets.identity);
    write('edge.public.jwks.json', keys.publicSets.edge);
  }
  process.stdout.write(secretManifests(keys));
  return 0;
}

main().then((code) => process.exit(code));

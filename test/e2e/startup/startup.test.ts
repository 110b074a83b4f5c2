/**
 * What happens before anything serves: a bad dataset and missing production keys stop the start
 * with a clear message, and nothing starts half-seeded or on development keys.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from '@platform/env';
import { deriveSubgraphKeySet, newGatewaySecretSet } from '@platform/keys/gatewaySecret';
import { stackServices } from '@platform/stack';
import { Seed } from '@testing/seed';

const dir = mkdtempSync(path.join(tmpdir(), 'startup-'));

function run(entry: string, env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(REPOSITORY_ROOT, entry)], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, KEYS_DIR: path.join(dir, 'keys'), PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('starting the platform', () => {
  it('refuses a dataset that breaks the format, naming the first bad record, and starts nothing', () => {
    const dataset = new Seed().account('acct-1').title('t-1').build();
    (dataset.titles[0]!.encodings[1] as { codec: string }).codec = 'MPEG2';
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(dataset));
    const result = run('scripts/start.ts', { DATASET: file });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/titles\[0\] \(id "t-1"\) field encodings\[1\]\.codec/);
    expect(result.stdout).not.toMatch(/listening/);
  });

  it.each(stackServices().map((service) => [service.name, service.entry]))(
    'refuses to start %s in production without configured keys',
    (_name, entry) => {
      const result = run(entry, { NODE_ENV: 'production', IDENTITY_ISSUER: 'https://id.example.net/' });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/No \w+ keys are configured|GATEWAY_\w*JWKS is not configured|IDENTITY/);
    },
  );

  it('refuses development keys in production even when they are configured', () => {
    // A development gateway secret and the catalog key derived from it, copied out of KEYS_DIR.
    const developmentSecret = newGatewaySecretSet('dev-gateway-1');
    const result = run('subgraphs/catalog/src/index.ts', {
      NODE_ENV: 'production',
      CATALOG_GATEWAY_JWKS: JSON.stringify({ keys: deriveSubgraphKeySet(developmentSecret.keys, 'catalog') }),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Refusing a development gateway key in CATALOG_GATEWAY_JWKS/);
  });
});

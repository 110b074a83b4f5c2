/**
 * The chart's copies of what it reads from the repository (scripts/chartFiles.ts) are current: a
 * subgraph added, a variable added to a service, or a composed supergraph is in the chart only after
 * `npm run chart`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPOSITORY_ROOT } from '@platform/env';
import { subgraphs } from '@platform/registry';
import { chartFiles, chartServices } from '../../scripts/chartFiles';

describe("the Helm chart's generated files", () => {
  it('are what `npm run chart` writes now', async () => {
    for (const [file, content] of Object.entries(await chartFiles())) {
      expect({ file, current: readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8') === content }).toEqual({
        file,
        current: true,
      });
    }
  });

  it('list every registered subgraph, with the variables its own env.ts reads and its keys as secrets', async () => {
    const { gateway, subgraphs: deployed } = await chartServices();

    expect(deployed.map((entry) => entry.name)).toEqual(subgraphs().map((entry) => entry.name));
    const playback = deployed.find((entry) => entry.name === 'playback')!;
    expect(playback.env).toEqual(
      expect.arrayContaining(['PLAYBACK_PORT', 'JOURNAL_DIR', 'OTEL_SERVICE_NAME']),
    );
    expect(playback.secretEnv).toEqual(
      expect.arrayContaining(['MANIFEST_PRIVATE_JWKS', 'PLAYBACK_GATEWAY_JWKS']),
    );
    expect(playback.writableDirs).toEqual({ JOURNAL_DIR: '/var/lib/streaming/journal' });
    expect(gateway.env).toEqual(expect.arrayContaining(['PLAYBACK_URL', 'SUPERGRAPH_PATH', 'REDIS_URL']));
    expect(gateway.secretEnv).not.toContain('GRANT_PRIVATE_JWKS');
  });
});

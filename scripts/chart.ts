/**
 * `npm run chart`: writes what the Helm chart reads from the repository (scripts/chartFiles.ts) into
 * deploy/helm/streaming/files/ (`npm run compose` does it too). Run it after adding a variable to a
 * service; `-- --check` only says whether they are current (exit 1 when stale), as the tests do.
 */
import { refreshChartFiles } from './chartFiles';

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const stale = await refreshChartFiles({ check });
  if (check && stale.length > 0) {
    console.error(`stale, run \`npm run chart\`: ${stale.join(', ')}`);
    return 1;
  }
  console.log(stale.length > 0 ? `wrote ${stale.join(', ')}` : 'the chart files are current');
  return 0;
}

main().then((code) => process.exit(code));

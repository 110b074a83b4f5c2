/**
 * The graph across hosts on this machine (docs/multi-host.md), as root:
 *
 *   npm run hosts -- up       start it and stay in the foreground; Ctrl-C stops it
 *   npm run hosts -- status   what is up: hosts, their processes, the faults applied
 *   npm run hosts -- down     stop it, from any shell, and remove whatever a killed one left
 *   npm run hosts -- run      start it, send the fleet's viewers through every fault in turn, print
 *                             the table, stop it: [--viewers 100] [--fault-seconds 20]
 *                             [--faults zone-latency,...] [--out report.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { leftovers, processesIn, removeLeftovers } from '@platform/hosts/network';
import { topologyPlan } from '@platform/hosts/plan';
import { liveOwner, removeState } from '@platform/hosts/state';
import { appliedFaults } from '@platform/hosts/topology';
import { FAULT_NAMES, type FaultName } from '@platform/hosts/faults';
import { startHostsFleet } from '../simulator/hostsFleet';
import { DEFAULT_HOSTS_RUN, runHosts } from '../simulator/hostsRun';

const USAGE = `usage: npm run hosts -- up|status|down
       npm run hosts -- run [--viewers 100] [--fault-seconds 20] [--faults ${FAULT_NAMES.join(',')}] [--out FILE]`;

async function up(): Promise<void> {
  const started = Date.now();
  const fleet = await startHostsFleet({ onLine: (line) => console.log(line) });
  console.log(`up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`gateways: zone a ${fleet.gatewayUrls[0]}, zone b ${fleet.gatewayUrls[1]}`);
  console.log(`a token for account u-premium: ${await fleet.tokenFor('u-premium')}`);
  console.log('Ctrl-C (or `npm run hosts -- down` elsewhere) stops it');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log('stopping');
  await fleet.stop();
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, 4).join(' ').trim();
  } catch {
    return '?';
  }
}

async function status(): Promise<void> {
  const owner = liveOwner();
  const left = await leftovers();
  console.log(
    owner
      ? `up, owned by process ${owner.pid}`
      : left.namespaces.length
        ? 'left over by a process that is gone'
        : 'down',
  );
  const existing = new Set(left.namespaces);
  for (const host of topologyPlan().hosts) {
    if (!existing.has(host.namespace)) continue;
    const pids = await processesIn(host.namespace);
    const running = pids.map((pid) => `${pid} ${commandOf(pid)}`).join('; ') || 'nothing running';
    console.log(`  ${host.name.padEnd(16)} ${host.address.padEnd(12)} ${running}`);
  }
  if (owner) console.log(`faults applied: ${appliedFaults().join(', ') || 'none'}`);
}

async function down(): Promise<void> {
  const owner = liveOwner();
  if (owner) {
    process.kill(owner.pid, 'SIGTERM');
    for (let waited = 0; liveOwner() && waited < 60_000; waited += 200) await sleep(200);
  }
  const left = await removeLeftovers();
  removeState();
  if (left.length > 0) throw new Error(`Could not remove: ${left.join(', ')}`);
  console.log('down: no namespace, link or process of the topology is left');
}

async function runFaults(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: {
      viewers: { type: 'string', default: String(DEFAULT_HOSTS_RUN.viewers) },
      'fault-seconds': { type: 'string', default: String(DEFAULT_HOSTS_RUN.faultSeconds) },
      faults: { type: 'string', default: FAULT_NAMES.join(',') },
      out: { type: 'string' },
    },
  });
  const faults = values.faults.split(',').filter(Boolean);
  const unknown = faults.filter((name) => !(FAULT_NAMES as readonly string[]).includes(name));
  const viewers = Number(values.viewers);
  const faultSeconds = Number(values['fault-seconds']);
  if (unknown.length > 0 || !(viewers >= 1) || !(faultSeconds >= 5)) {
    throw new Error(
      `${unknown.length > 0 ? `unknown faults: ${unknown.join(', ')}` : '--viewers must be at least 1 and --fault-seconds at least 5'}\n${USAGE}`,
    );
  }
  const report = await runHosts({
    ...DEFAULT_HOSTS_RUN,
    viewers,
    faultSeconds,
    faults: faults as FaultName[],
    log: (line) => console.log(line),
  });
  if (values.out) writeFileSync(values.out, JSON.stringify(report, null, 2));
}

const commands: Record<string, () => Promise<void>> = { up, status, down, run: runFaults };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error(USAGE);
  process.exit(2);
}
command().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});

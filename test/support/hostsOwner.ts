/**
 * A stand-in owner of the multi-host topology for the test that kills one: claims the topology,
 * starts its reaper, builds the network and runs a process in one host, says `up`, then waits to
 * be killed (test/e2e/multi-host/).
 */
import { buildNetwork } from '@platform/hosts/network';
import { hostNamed, topologyPlan } from '@platform/hosts/plan';
import { spawnInHost } from '@platform/hosts/services';
import { claimOwnership } from '@platform/hosts/state';
import { startReaper } from '@platform/hosts/topology';

async function main(): Promise<void> {
  claimOwnership();
  startReaper();
  const plan = topologyPlan();
  await buildNetwork(plan);
  spawnInHost(hostNamed(plan, 'a-catalog'), ['sleep', '600'], process.env, () => {});
  process.stdout.write('up\n');
  setInterval(() => {}, 60_000);
}

void main();

/**
 * Started detached by the topology's owner (topology.ts), with the owner's process id: waits for
 * that process to be gone, then removes whatever of the topology it left (a SIGKILLed owner cannot
 * clean up itself), and exits. Exits at once when another process owns the topology by then.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { removeLeftovers } from './network';
import { liveOwner, ownerPid, removeState } from './state';

const guarded = Number(process.argv[2]);

async function reap(): Promise<void> {
  while (ownerPid() === guarded) {
    if (!liveOwner()) {
      await removeLeftovers();
      removeState();
      return;
    }
    await sleep(500);
  }
}

void reap();

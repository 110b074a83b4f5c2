/**
 * What the topology keeps on disk, under /run (gone at reboot, like the namespaces): which process
 * owns the topology, the faults applied (faults.ts: so that `status` and `heal` work from any
 * process), and the data of its Redis, MongoDB and journals. The names and addresses are fixed, so
 * there is one topology per machine; its owner is told apart from a later process given the same id
 * by its start time.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const STATE_DIR = '/run/streaming-hosts';
const OWNER_FILE = path.join(STATE_DIR, 'owner.json');

const ownerSchema = z.object({ pid: z.number().int().positive(), startTime: z.string() });
export type Owner = z.infer<typeof ownerSchema>;

/** A process's start time since boot, in clock ticks (field 22 of /proc/<pid>/stat); null when it is gone. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function recordedOwner(): Owner | null {
  try {
    return ownerSchema.parse(JSON.parse(readFileSync(OWNER_FILE, 'utf8')));
  } catch {
    return null;
  }
}

/** The process recorded as the topology's owner, alive or not; null when none is. */
export const ownerPid = (): number | null => recordedOwner()?.pid ?? null;

/** The process that built the topology, while it runs. */
export function liveOwner(): Owner | null {
  const owner = recordedOwner();
  return owner && startTimeOf(owner.pid) === owner.startTime ? owner : null;
}

/** Records this process as the topology's owner, in a fresh state directory. */
export function claimOwnership(): void {
  rmSync(STATE_DIR, { recursive: true, force: true });
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(OWNER_FILE, JSON.stringify({ pid: process.pid, startTime: startTimeOf(process.pid) }));
}

export function removeState(): void {
  rmSync(STATE_DIR, { recursive: true, force: true });
}

/** A directory of the topology's own, created if missing. */
export function stateDir(...parts: string[]): string {
  const dir = path.join(STATE_DIR, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

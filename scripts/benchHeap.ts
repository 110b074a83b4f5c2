/**
 * `npm run bench -- --heap-snapshots N`: whether the gateway keeps anything per request. A heap
 * snapshot of the gateway (Node's `--heapsnapshot-signal`; writing one collects garbage first, so
 * it holds only what is still reachable), N plays, another snapshot; the objects of both grouped by
 * constructor (or by kind: strings, arrays, code), what grew, and the growth per play.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';

/** The signal the bench's stacks write a heap snapshot on, into their diagnostic directory. */
export const HEAP_SNAPSHOT_SIGNAL = 'SIGUSR2';

export interface HeapRow {
  /** A constructor's name, or a kind of object in parentheses: `(string)`, `(code)`. */
  objects: string;
  'count before': number;
  'count after': number;
  'KB before': number;
  'KB after': number;
  'bytes per play': number;
}

interface HeapSnapshotFile {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Objects of a snapshot by constructor or kind: how many, how many bytes of their own. */
function summarize(file: string): Map<string, { count: number; bytes: number }> {
  const heap = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshotFile;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const groups = new Map<string, { count: number; bytes: number }>();
  for (let node = 0; node < heap.nodes.length; node += fields.length) {
    const kind = types[heap.nodes[node + type!]!]!;
    const key = kind === 'object' ? heap.strings[heap.nodes[node + name!]!]! : `(${kind})`;
    const group = groups.get(key) ?? { count: 0, bytes: 0 };
    group.count += 1;
    group.bytes += heap.nodes[node + size!]!;
    groups.set(key, group);
  }
  return groups;
}

/** How long a snapshot may take to appear: a 70 MB heap is written in a few seconds. */
const SNAPSHOT_WAIT_MS = 120_000;

/** Asks the process for a snapshot and waits until it is written; returns its file. */
async function snapshot(pid: number, dir: string, liveUrl: string): Promise<string> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, HEAP_SNAPSHOT_SIGNAL);
  for (const giveUp = Date.now() + SNAPSHOT_WAIT_MS; Date.now() < giveUp;) {
    const written = readdirSync(dir).find((file) => file.endsWith('.heapsnapshot') && !before.has(file));
    // The snapshot is written on the process's event loop: once it answers, the file is complete.
    if (written && (await fetch(liveUrl)).ok) return path.join(dir, written);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`process ${pid} wrote no heap snapshot into ${dir} within ${SNAPSHOT_WAIT_MS / 1000} s`);
}

export async function heapGrowth(
  gateway: { pid: number; url: string },
  request: autocannon.Options,
  plays: number,
  dir: string,
): Promise<{ rows: HeapRow[]; totalBytesPerPlay: number; plays: number }> {
  const liveUrl = `${gateway.url}/health/live`;
  const first = await snapshot(gateway.pid, dir, liveUrl);
  const result = await autocannon({ ...request, connections: 20, amount: plays, timeout: 5 });
  const second = await snapshot(gateway.pid, dir, liveUrl);
  const [before, after] = [summarize(first), summarize(second)];
  for (const file of [first, second]) rmSync(file);
  const answered = result.requests.total;
  const none = { count: 0, bytes: 0 };
  const rows = [...new Set([...before.keys(), ...after.keys()])].map((objects) => {
    const [was, is] = [before.get(objects) ?? none, after.get(objects) ?? none];
    return {
      objects,
      'count before': was.count,
      'count after': is.count,
      'KB before': Math.round(was.bytes / 1024),
      'KB after': Math.round(is.bytes / 1024),
      'bytes per play': Number(((is.bytes - was.bytes) / answered).toFixed(3)),
    };
  });
  const total = (groups: typeof before) => [...groups.values()].reduce((sum, group) => sum + group.bytes, 0);
  rows.sort((a, b) => Math.abs(b['bytes per play']) - Math.abs(a['bytes per play']));
  return {
    rows: rows.slice(0, 12),
    totalBytesPerPlay: Number(((total(after) - total(before)) / answered).toFixed(3)),
    plays: answered,
  };
}

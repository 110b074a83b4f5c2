/**
 * Tools of the abuse suite (test/e2e/abuse/): raw HTTP for what `fetch` will not send (a body that
 * never finishes, a trickle), the gateway's admin metrics, and a process's resident memory.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { Worker } from 'node:worker_threads';

/**
 * The sum of the samples of one metric in a Prometheus text exposition: of every label set, or of
 * those whose labels include each of `labels` (written as `subgraph="playback"`).
 */
export function metricSum(exposition: string, name: string, labels: string[] = []): number {
  let sum = 0;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!labels.every((label) => line.includes(label))) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** Every sample value of one metric, by its label set as written. */
export function metricSamples(exposition: string, name: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(name.length, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** Resident memory of a process in MB, from `/proc/<pid>/status` (Linux). */
export function residentMegabytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** User and system CPU time a process has used, in ms, from `/proc/<pid>/stat` (10 ms ticks). */
export function cpuMilliseconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export interface RawAnswer {
  /** The status line's code; 0 when the connection closed without one. */
  status: number;
  text: string;
  /** Milliseconds from the first byte written to the connection closing (or the status arriving). */
  ms: number;
}

/**
 * Writes `head` to a fresh connection, then each of `chunks` `intervalMs` apart, until the server
 * answers or closes. Resolves with the first status line it sees, without waiting for the rest.
 */
export function rawExchange(
  port: number,
  head: string,
  chunks: (string | Buffer)[] = [],
  intervalMs = 0,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: status ? Number(status[1]) : 0, text, ms: performance.now() - started });
    };
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the server answered and closed still carries the answer already read.
      if (text || error.code === 'ECONNRESET' || error.code === 'EPIPE') finish();
      else reject(error);
    });
    socket.on('data', (data) => {
      text += data.toString('latin1');
      if (text.includes('\r\n\r\n')) finish();
    });
    socket.on('close', finish);
    socket.write(head);
    let next = 0;
    const writeNext = () => {
      const chunk = chunks[next++];
      if (done || chunk === undefined) return;
      socket.write(chunk);
      timer = setTimeout(writeNext, intervalMs);
    };
    writeNext();
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (index: number) => sorted[index] ?? Number.NaN;
  return sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

/** The prober's code: CommonJS, evaluated in a worker (no TypeScript, no imports of the repository). */
const PROBER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const times = [];
const failures = [];
let running = true;
parentPort.on('message', () => { running = false; });
const probe = () => new Promise((resolve) => {
  const started = performance.now();
  const request = http.get(workerData.url, { agent }, (response) => {
    response.resume();
    response.on('end', () => {
      times.push(performance.now() - started);
      if (response.statusCode !== 200) failures.push(response.statusCode);
      resolve();
    });
  });
  request.on('error', (error) => { failures.push(String(error)); resolve(); });
});
(async () => {
  // One probe first, untimed: the worker's first request compiles its HTTP client and opens the
  // connection, which measures this thread, not the server.
  await probe();
  times.length = 0;
  failures.length = 0;
  parentPort.postMessage('ready');
  while (running) {
    await probe();
    await new Promise((resolve) => setTimeout(resolve, workerData.intervalMs));
  }
  agent.destroy();
  parentPort.postMessage({ times, failures });
})();
`;

export interface LivenessProbes {
  /** Milliseconds each probe took, from sending to the whole answer. */
  times: number[];
  /** Statuses other than 200, and connection errors. */
  failures: (number | string)[];
}

/**
 * Probes `url` every `intervalMs` from a worker thread of its own until stopped. Its own event loop
 * is what makes the times the server's: probing from the test's thread would add the time the test
 * spends building and reading the attack's requests.
 */
export async function startLivenessProbes(
  url: string,
  intervalMs: number,
): Promise<{ stop(): Promise<LivenessProbes> }> {
  const worker = new Worker(PROBER, { eval: true, workerData: { url, intervalMs } });
  const messages: unknown[] = [];
  const waiters: ((message: unknown) => void)[] = [];
  worker.on('message', (message) => {
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else messages.push(message);
  });
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      const queued = messages.shift();
      if (queued !== undefined) return resolve(queued);
      waiters.push(resolve);
      worker.once('error', reject);
    });
  await next(); // 'ready': warmed up
  const result = next() as Promise<LivenessProbes>;
  return {
    async stop() {
      worker.postMessage('stop');
      const probes = await result;
      await worker.terminate();
      return probes;
    },
  };
}

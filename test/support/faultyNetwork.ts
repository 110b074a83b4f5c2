/**
 * The network between an in-process gateway and its subgraph replicas, with faults injected per
 * replica URL: what a stopped process (hang), a dead one (refuse), a slow link (slow) or a broken
 * server (fail) look like to the gateway's replica pool, without stopping or killing anything.
 * Requests to a replica without a fault go through the real `fetch`.
 */
import type { ReplicaFetch } from '../../gateway/src/resilience/replicaPool';

export type Fault =
  /** Accepts the request and never answers, like a SIGSTOPped process: only the caller's abort ends it. */
  | { kind: 'hang' }
  /** Refuses the connection at once, like a killed process. */
  | { kind: 'refuse' }
  /** Delays the request and then the answer by `delayMs` each, like a proxy adding latency. */
  | { kind: 'slow'; delayMs: number }
  /** Answers HTTP 500 without reaching the subgraph. */
  | { kind: 'fail' };

export class FaultyNetwork {
  private readonly faults = new Map<string, Fault>();
  private faulted = 0;

  constructor(private readonly send: ReplicaFetch = globalThis.fetch) {}

  /** From now on, requests to `replicaUrl` meet `fault`. */
  inject(replicaUrl: string, fault: Fault): void {
    this.faults.set(replicaUrl, fault);
  }

  /** Requests to `replicaUrl` reach it again. */
  heal(replicaUrl: string): void {
    this.faults.delete(replicaUrl);
  }

  /** How many requests have met a fault so far: attempts the gateway's breakers did not spare. */
  get faultedRequests(): number {
    return this.faulted;
  }

  /** What the gateway is given as its `fetch`. */
  readonly fetch: ReplicaFetch = async (url, init) => {
    const fault = this.faults.get(url);
    if (!fault) return this.send(url, init);
    this.faulted++;
    switch (fault.kind) {
      case 'hang':
        return new Promise((_resolve, reject) => {
          if (init.signal.aborted) reject(abortReason(init.signal));
          init.signal.addEventListener('abort', () => reject(abortReason(init.signal)), { once: true });
        });
      case 'refuse':
        // What undici throws for a port nothing listens on.
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error(`connect ECONNREFUSED ${new URL(url).host}`), {
            code: 'ECONNREFUSED',
          }),
        });
      case 'slow': {
        await delay(fault.delayMs, init.signal);
        const response = await this.send(url, init);
        await delay(fault.delayMs, init.signal);
        return response;
      }
      case 'fail':
        return new Response(JSON.stringify({ errors: [{ message: 'Internal Server Error' }] }), {
          status: 500,
          headers: { 'content-type': 'application/json' },
        });
    }
  };
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError');
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

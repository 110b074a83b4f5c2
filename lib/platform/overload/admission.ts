/**
 * Admission under overload, for the gateway and each subgraph alike: a limit on the requests a
 * service works on at once, which adapts to how loaded it is, and shares of it per request class
 * (requestClass.ts): a browse flood
 * fills at most half of it, prefetches 70%, analysts a quarter. `critical` requests (a viewer's
 * `play`) are not held to it: they are refused only past `maxLimit` in flight, a ceiling no real
 * load reaches, so that under any overload it is everything else that gives way.
 *
 * The limit moves every interval: down by a tenth when the service itself was overloaded (its event
 * loop late by more than 20 ms: work queued behind work), up by a tenth when it was not and the limit
 * was in demand (requests in flight near it, or refused). Not event-loop utilization alone: a gateway
 * at full throughput is busy all the time without being late. Not the requests' latency: a subgraph
 * that hangs makes every `play` wait for its fallback's deadline while the gateway idles, and
 * shrinking the limit then would refuse browsing for nothing (the subgraphs shed for themselves).
 */
import { rank, REQUEST_CLASSES, type RequestClass } from './requestClass';

export interface AdmissionSettings {
  /** Requests in flight at first. Defaults to 64. */
  initialLimit: number;
  /** The limit never goes below this: enough for the critical requests of a quiet minute. Defaults to 8. */
  minLimit: number;
  /** Nor above this; nor do `critical` requests, which the limit does not hold. Defaults to 1_000. */
  maxLimit: number;
  /** The share of the limit each class but `critical` may fill. */
  shares: Readonly<Record<Exclude<RequestClass, 'critical'>, number>>;
}

export const DEFAULT_ADMISSION: AdmissionSettings = {
  initialLimit: 64,
  minLimit: 8,
  maxLimit: 1_000,
  shares: { prefetch: 0.7, browse: 0.5, analyst: 0.25 },
};

/** How loaded the service was over the last interval (loadSignal.ts measures it). */
export interface LoadSample {
  /** How late the event loop ran a timer (p99), in ms. */
  delayMs: number;
}

/**
 * The threshold of "overloaded": under a browse flood at 40 ms, plays' p99 was 2.6 times the
 * unloaded one; at 20 ms, 1.9 times (`npm run bench -- --shedding --flood 200`, docs/benchmarks.md).
 */
const LATE_LOOP_MS = 20;

export interface Ticket {
  readonly requestClass: RequestClass;
  /** Call once the request is answered (or abandoned); a second call does nothing. */
  release(): void;
}

export class AdmissionControl {
  private limitNow: number;
  private inFlight = 0;
  private peakInFlight = 0;
  /** Refusals since the last interval: demand the limit did not meet. */
  private refusedLately = 0;
  private readonly shedCounts = Object.fromEntries(REQUEST_CLASSES.map((name) => [name, 0])) as Record<
    RequestClass,
    number
  >;

  constructor(private readonly settings: AdmissionSettings = DEFAULT_ADMISSION) {
    this.limitNow = settings.initialLimit;
  }

  get limit(): number {
    return this.limitNow;
  }

  get shed(): Readonly<Record<RequestClass, number>> {
    return this.shedCounts;
  }

  /** A ticket when a request of this class may be worked on now; null when it is to be refused. */
  admit(requestClass: RequestClass): Ticket | null {
    if (this.inFlight >= this.room(requestClass)) {
      this.shedCounts[requestClass]++;
      this.refusedLately++;
      return null;
    }
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    let released = false;
    return {
      requestClass,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight--;
      },
    };
  }

  /**
   * The ticket of a request classed again once its document is known: the same when the class is
   * the same or higher; for a lower class, a ticket of that class if it fits, else null (refused).
   */
  reclass(ticket: Ticket, requestClass: RequestClass): Ticket | null {
    if (rank(requestClass) <= rank(ticket.requestClass)) return ticket;
    ticket.release();
    return this.admit(requestClass);
  }

  /** Moves the limit by what the last interval was like; call once per interval. */
  adapt(sample: LoadSample): void {
    const { minLimit, maxLimit } = this.settings;
    const inDemand = this.refusedLately > 0 || this.peakInFlight >= 0.9 * this.limitNow;
    if (sample.delayMs > LATE_LOOP_MS) this.limitNow = Math.max(minLimit, Math.floor(this.limitNow * 0.9));
    else if (inDemand)
      this.limitNow = Math.min(maxLimit, this.limitNow + Math.max(1, Math.ceil(this.limitNow * 0.1)));
    this.peakInFlight = this.inFlight;
    this.refusedLately = 0;
  }

  private room(requestClass: RequestClass): number {
    if (requestClass === 'critical') return this.settings.maxLimit;
    return Math.max(1, Math.floor(this.limitNow * this.settings.shares[requestClass]));
  }
}

/**
 * Admission under overload: a limit on the requests the gateway works on at once, which adapts to
 * how loaded the gateway is, and shares of it per request class (requestClass.ts), so that the lower
 * classes are refused first and `critical` last: a browse flood fills at most half the limit, and a
 * `play` always finds room in the rest.
 *
 * The limit moves as Netflix's concurrency limits do, additive increase and multiplicative decrease:
 * every interval, down by a tenth when the gateway itself was overloaded (its event loop busy over
 * 90% of the time, or late by more than 40 ms), up by a twentieth when the requests in flight came
 * near the limit and it was not. A limit nobody uses does not grow. Not the requests' latency: a
 * subgraph that hangs makes every `play` wait for its fallback's deadline while the gateway idles,
 * and shrinking the limit then would refuse viewers for nothing (the subgraphs shed for themselves).
 */
import { rank, REQUEST_CLASSES, type RequestClass } from './requestClass';

export interface AdmissionSettings {
  /** Requests in flight at first. Defaults to 64. */
  initialLimit: number;
  /** The limit never goes below this: enough for the critical requests of a quiet minute. Defaults to 8. */
  minLimit: number;
  /** Nor above this. Defaults to 1_000. */
  maxLimit: number;
  /** The share of the limit each class may fill (critical: all of it). */
  shares: Readonly<Record<RequestClass, number>>;
}

export const DEFAULT_ADMISSION: AdmissionSettings = {
  initialLimit: 64,
  minLimit: 8,
  maxLimit: 1_000,
  shares: { critical: 1, prefetch: 0.7, browse: 0.5, analyst: 0.25 },
};

/** How loaded the gateway was over the last interval (loadSignal.ts measures it). */
export interface LoadSample {
  /** Event loop utilization, 0 to 1. */
  utilization: number;
  /** The event loop's longest delay (p99), in ms. */
  delayMs: number;
}

/** Thresholds of "overloaded". */
const BUSY_UTILIZATION = 0.9;
const LATE_LOOP_MS = 40;

export interface Ticket {
  readonly requestClass: RequestClass;
  /** Call once the request is answered (or abandoned); a second call does nothing. */
  release(): void;
}

export class AdmissionControl {
  private limitNow: number;
  private inFlight = 0;
  private peakInFlight = 0;
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
    const overloaded = sample.utilization > BUSY_UTILIZATION || sample.delayMs > LATE_LOOP_MS;
    const { minLimit, maxLimit } = this.settings;
    if (overloaded) this.limitNow = Math.max(minLimit, Math.floor(this.limitNow * 0.9));
    else if (this.peakInFlight >= 0.9 * this.limitNow)
      this.limitNow = Math.min(maxLimit, this.limitNow + Math.max(1, Math.ceil(this.limitNow * 0.05)));
    this.peakInFlight = this.inFlight;
  }

  private room(requestClass: RequestClass): number {
    return Math.max(1, Math.floor(this.limitNow * this.settings.shares[requestClass]));
  }
}

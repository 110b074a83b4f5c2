/**
 * What the topology's router does to the packets routed through it: each packet between two hosts
 * an impairment names is held for its delay (± jitter) or lost, the rest pass at once. This kernel
 * has no `sch_netem` (nor nftables or iptables), so the delay and loss that `tc netem` would add are
 * applied here, in user space, to real IP packets: the router's TUN device hands them over (through
 * socat, wan.ts) and takes them back. Pure but for the clock and the dice, which tests pass in.
 */

/** Delay and loss for every packet from one of `from` to one of `to` (IPv4 addresses). */
export interface Impairment {
  from: readonly string[];
  to: readonly string[];
  /** Added one-way delay, in milliseconds. */
  delayMs: number;
  /** The delay varies uniformly within ± this many milliseconds. */
  jitterMs: number;
  /** Share of packets dropped, 0 to 1. */
  loss: number;
}

/** The source and destination of an IPv4 packet; null for anything else (IPv6, a runt). */
export function ipv4Endpoints(packet: Uint8Array): { source: string; destination: string } | null {
  if (packet.length < 20 || packet[0]! >> 4 !== 4) return null;
  return {
    source: `${packet[12]}.${packet[13]}.${packet[14]}.${packet[15]}`,
    destination: `${packet[16]}.${packet[17]}.${packet[18]}.${packet[19]}`,
  };
}

export interface DelayLineOptions {
  /** Sends a packet on its way. */
  forward: (packet: Uint8Array) => void;
  now?: () => number;
  /** A number in [0, 1). */
  random?: () => number;
}

interface Held {
  dueAt: number;
  packet: Uint8Array;
}

/**
 * Holds packets for their impairment's delay. Packets between the same two hosts leave in the
 * order they came, as on a wire: a packet whose draw is shorter than its predecessor's waits for it
 * (reordering every few packets would make TCP retransmit, which a delayed link does not).
 */
export class DelayLine {
  private impairments: readonly Impairment[] = [];
  /** Per `source>destination`: what waits, oldest first, and the timer of the oldest. */
  private readonly queues = new Map<string, { held: Held[]; timer: NodeJS.Timeout | null }>();
  private readonly now: () => number;
  private readonly random: () => number;
  readonly counts = { forwarded: 0, delayed: 0, lost: 0 };

  constructor(private readonly options: DelayLineOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Replaces every impairment; what is already held still leaves when it is due. */
  set(impairments: readonly Impairment[]): void {
    this.impairments = impairments;
  }

  push(packet: Uint8Array): void {
    const endpoints = ipv4Endpoints(packet);
    const impairment =
      endpoints &&
      this.impairments.find(
        (candidate) =>
          candidate.from.includes(endpoints.source) && candidate.to.includes(endpoints.destination),
      );
    if (!endpoints || !impairment) {
      this.counts.forwarded += 1;
      this.options.forward(packet);
      return;
    }
    if (impairment.loss > 0 && this.random() < impairment.loss) {
      this.counts.lost += 1;
      return;
    }
    const delay =
      impairment.delayMs + (impairment.jitterMs > 0 ? impairment.jitterMs * (2 * this.random() - 1) : 0);
    if (delay <= 0) {
      this.counts.forwarded += 1;
      this.options.forward(packet);
      return;
    }
    const key = `${endpoints.source}>${endpoints.destination}`;
    const queue = this.queues.get(key) ?? { held: [], timer: null };
    this.queues.set(key, queue);
    const last = queue.held.at(-1);
    queue.held.push({ dueAt: Math.max(this.now() + delay, last?.dueAt ?? 0), packet });
    this.counts.delayed += 1;
    if (!queue.timer) this.schedule(key, queue);
  }

  /** Drops what is held and stops every timer. */
  close(): void {
    for (const queue of this.queues.values()) if (queue.timer) clearTimeout(queue.timer);
    this.queues.clear();
  }

  private schedule(key: string, queue: { held: Held[]; timer: NodeJS.Timeout | null }): void {
    const head = queue.held[0];
    if (!head) {
      queue.timer = null;
      this.queues.delete(key);
      return;
    }
    queue.timer = setTimeout(
      () => {
        const now = this.now();
        while (queue.held[0] && queue.held[0].dueAt <= now) this.options.forward(queue.held.shift()!.packet);
        this.schedule(key, queue);
      },
      Math.max(0, head.dueAt - this.now()),
    );
  }
}

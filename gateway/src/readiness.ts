import type { SubgraphName } from '../../lib/schema/compose';

/**
 * Whether a `play` request can be served: every subgraph answers its readiness probe. Probes are
 * shared: at most one round per `intervalMs`, however often load balancers ask.
 */
export class Readiness {
  private last: { at: number; ready: Promise<Record<string, boolean>> } | undefined;

  /** @param intervalMs how long a probe result is reused. Defaults to 1_000 (one second). */
  constructor(
    private readonly subgraphUrls: Record<SubgraphName, string>,
    private readonly intervalMs = 1_000,
  ) {}

  async check(): Promise<{ ready: boolean; subgraphs: Record<string, boolean> }> {
    if (!this.last || Date.now() - this.last.at > this.intervalMs) {
      this.last = { at: Date.now(), ready: this.probeAll() };
    }
    const subgraphs = await this.last.ready;
    return { ready: Object.values(subgraphs).every(Boolean), subgraphs };
  }

  private async probeAll(): Promise<Record<string, boolean>> {
    const entries = await Promise.all(
      Object.entries(this.subgraphUrls).map(async ([name, url]) => {
        try {
          const response = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(500) });
          return [name, response.ok] as const;
        } catch {
          return [name, false] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }
}

import type { SubgraphName } from '@platform/composition';

/**
 * Whether a `play` request can be served: once at least one replica of every subgraph on the `play`
 * path (`playPath` in its `subgraph.json`) has answered its readiness probe, the gateway is ready and
 * stays so; the other subgraphs are probed and reported in the body but do not hold it up; a subgraph that fails later is covered by
 * the fallbacks, and taking every gateway out of a load balancer would only make it worse. The body
 * still shows each subgraph's current state. Probes are shared: at most one round per
 * `intervalMs`, however often load balancers ask.
 */
export class SubgraphReadiness {
  private last: { at: number; ready: Promise<Record<string, boolean>> } | undefined;
  private everReady = false;

  /**
   * @param playPath the subgraphs that must be ready; any other subgraph of `subgraphUrls` is optional
   * @param intervalMs how long a probe result is reused. Defaults to 1_000 (one second).
   */
  constructor(
    private readonly subgraphUrls: Record<SubgraphName, string[]>,
    private readonly playPath: readonly SubgraphName[],
    private readonly intervalMs = 1_000,
  ) {}

  async check(): Promise<{ ready: boolean; subgraphs: Record<string, boolean> }> {
    if (!this.last || Date.now() - this.last.at > this.intervalMs) {
      this.last = { at: Date.now(), ready: this.probeAll() };
    }
    const subgraphs = await this.last.ready;
    this.everReady ||= this.playPath.every((name) => subgraphs[name] === true);
    return { ready: this.everReady, subgraphs };
  }

  private async probeAll(): Promise<Record<string, boolean>> {
    const entries = await Promise.all(
      Object.entries(this.subgraphUrls).map(async ([name, urls]) => {
        const replicas = await Promise.all(urls.map(probe));
        return [name, replicas.some(Boolean)] as const;
      }),
    );
    return Object.fromEntries(entries);
  }
}

async function probe(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(500) });
    return response.ok;
  } catch {
    return false;
  }
}

/** The fallback matrix while catalog fails: test/support/fallbackMatrix.ts. */
import { describeFallbackMatrix, failuresCounted, metricsOf } from '@testing/fallbackMatrix';

describeFallbackMatrix('catalog', (matrix) => {
  it('counts failed catalog attempts by reason, the title fields served stale and fetch durations on /metrics', async () => {
    const metrics = await metricsOf(matrix.stack);

    for (const reason of ['timeout', 'connection', 'http_5xx']) {
      expect(metrics).toMatch(failuresCounted('catalog', reason));
    }
    expect(metrics).toMatch(/gateway_fallbacks_total\{subgraph="catalog",fallback="STALE"\} [1-9]/);
    expect(metrics).toMatch(
      /gateway_subgraph_fetch_duration_seconds_bucket\{le="0.01",subgraph="catalog",outcome="ok"\}/,
    );
  });
});

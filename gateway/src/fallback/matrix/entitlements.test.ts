/** The fallback matrix while entitlements fails: test/support/fallbackMatrix.ts. */
import { describeFallbackMatrix, failuresCounted, metricsOf } from '@testing/fallbackMatrix';

describeFallbackMatrix('entitlements', (matrix) => {
  it('counts failed entitlements attempts by reason, and the stale and default entitlements, on /metrics', async () => {
    const metrics = await metricsOf(matrix.stack);

    for (const reason of ['timeout', 'connection', 'http_5xx']) {
      expect(metrics).toMatch(failuresCounted('entitlements', reason));
    }
    expect(metrics).toMatch(/gateway_fallbacks_total\{subgraph="entitlements",fallback="STALE"\} [1-9]/);
    expect(metrics).toMatch(/gateway_fallbacks_total\{subgraph="entitlements",fallback="DEFAULT"\} [1-9]/);
  });
});

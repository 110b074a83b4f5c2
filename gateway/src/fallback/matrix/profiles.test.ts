/** The fallback matrix while profiles fails: test/support/fallbackMatrix.ts. */
import { describeFallbackMatrix, failuresCounted, metricsOf } from '@testing/fallbackMatrix';

describeFallbackMatrix('profiles', (matrix) => {
  it('counts failed profiles attempts by reason and the profile fields served stale on /metrics', async () => {
    const metrics = await metricsOf(matrix.stack);

    for (const reason of ['timeout', 'connection', 'http_5xx']) {
      expect(metrics).toMatch(failuresCounted('profiles', reason));
    }
    expect(metrics).toMatch(/gateway_fallbacks_total\{subgraph="profiles",fallback="STALE"\} [1-9]/);
  });
});

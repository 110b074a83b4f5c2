/**
 * The fallback matrices of the account's subgraphs, profiles then entitlements, in one in-process
 * stack (test/support/fallbackMatrix.ts).
 */
import {
  describeFallbackMatrix,
  failuresCounted,
  metricsOf,
  useFallbackMatrix,
} from '@testing/fallbackMatrix';

const matrix = useFallbackMatrix();

describeFallbackMatrix(matrix, 'profiles', () => {
  it('counts failed profiles attempts by reason and the profile fields served stale on /metrics', async () => {
    const metrics = await metricsOf(matrix.stack);

    for (const reason of ['timeout', 'connection', 'http_5xx']) {
      expect(metrics).toMatch(failuresCounted('profiles', reason));
    }
    expect(metrics).toMatch(/gateway_fallbacks_total\{subgraph="profiles",fallback="STALE"\} [1-9]/);
  });
});

describeFallbackMatrix(matrix, 'entitlements', () => {
  it('counts failed entitlements attempts by reason, and the stale and default entitlements, on /metrics', async () => {
    const metrics = await metricsOf(matrix.stack);

    for (const reason of ['timeout', 'connection', 'http_5xx']) {
      expect(metrics).toMatch(failuresCounted('entitlements', reason));
    }
    expect(metrics).toMatch(/gateway_fallbacks_total\{subgraph="entitlements",fallback="STALE"\} [1-9]/);
    expect(metrics).toMatch(/gateway_fallbacks_total\{subgraph="entitlements",fallback="DEFAULT"\} [1-9]/);
  });
});

/**
 * The fallback matrices of the title's subgraphs, catalog then playback, in one in-process stack
 * (test/support/fallbackMatrix.ts), and what is left when every playback replica fails.
 */
import {
  describeFallbackMatrix,
  failuresCounted,
  metricsOf,
  RECOVERY,
  useFallbackMatrix,
} from '@testing/fallbackMatrix';
import { MUST_REFUSE, SEEN } from '@testing/fallbackScenario';

const matrix = useFallbackMatrix();

describeFallbackMatrix(matrix, 'catalog', () => {
  it('decides a title another account played from its shared last good copy while the catalog hangs', async () => {
    const { player, stack } = matrix;
    await player.warmUp();
    // acct-c has never played these titles: the copies it is answered from are acct-a's.
    const firstTimer = { account: 'acct-c', profileId: 'prof-c', titleId: SEEN.titleId };
    const abroad = { account: 'acct-c', profileId: 'prof-c', titleId: 't-us', country: 'GB' };

    await matrix.withFault(stack.replicas.catalog, { kind: 'hang' }, async () => {
      const granted = await player.play(firstTimer);
      expect(granted.reason).toBe('GRANTED');
      expect(granted.jws).toBeDefined();
      const standIns = granted.degraded.filter((field) => field.subgraph === 'catalog');
      expect(standIns.length).toBeGreaterThan(0);
      expect(new Set(standIns.map((field) => field.fallback))).toEqual(new Set(['STALE']));
      expect((await player.play(abroad)).reason).toBe('GEO_RESTRICTED');
    });
    await player.expectFreshAgain(RECOVERY);
  });

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

describeFallbackMatrix(matrix, 'playback', () => {
  it('serves seen plays from their last good decision and manifest when every playback replica hangs', async () => {
    const { player, stack } = matrix;
    await player.warmUp();

    await matrix.withFault(stack.replicas.playback, { kind: 'hang' }, async () => {
      const seen = await player.play(SEEN);
      expect(seen.reason).toBe('GRANTED');
      await player.expectManifestVerifies(seen.jws);
      expect(seen.degradedSubgraphs).toContain('playback');
      for (const refusal of MUST_REFUSE) expect((await player.play(refusal)).reason).toBe(refusal.reason);
      const fresh = await player.play(player.nextUnseen());
      expect(fresh.reason).toBe('TEMPORARILY_UNAVAILABLE');
      expect(fresh.jws).toBeUndefined();
    });
    await player.expectFreshAgain(RECOVERY);
  });

  it('counts failed playback attempts by reason on /metrics, with a playback circuit closed again', async () => {
    const metrics = await metricsOf(matrix.stack);

    for (const reason of ['timeout', 'connection', 'http_5xx']) {
      expect(metrics).toMatch(failuresCounted('playback', reason));
    }
    expect(metrics).toMatch(/gateway_subgraph_circuit_state\{subgraph="playback",replica="[^"]+"\} 0/);
  });
});

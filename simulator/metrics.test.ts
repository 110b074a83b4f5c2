import { percentile, summarize, type ViewerOutcome } from './metrics';

function outcome(overrides: Partial<ViewerOutcome> = {}): ViewerOutcome {
  return {
    mustRefuse: null,
    playRequests: 1,
    granted: true,
    refusal: null,
    ttffMs: 300,
    endReason: 'COMPLETED',
    plannedSeconds: 100,
    positionSeconds: 100,
    rebufferSeconds: 0,
    averageKbps: 3000,
    cdnFailovers: 0,
    pressedAtMs: 1_000,
    prefetched: false,
    startedFromPrefetch: false,
    ...overrides,
  };
}

describe('percentile', () => {
  it('takes the nearest rank, whatever the order of the values', () => {
    const values = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100];
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(100);
    expect(percentile(values, 0)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
  });

  it('is null for no values', () => {
    expect(percentile([], 50)).toBeNull();
  });
});

describe('summarize', () => {
  it('counts attempts, starts and start failures over grantable viewers only', () => {
    const metrics = summarize([
      outcome(),
      outcome({
        granted: false,
        refusal: 'ERROR:unreachable',
        ttffMs: null,
        endReason: null,
        playRequests: 3,
      }),
      outcome({ mustRefuse: 'GEO_RESTRICTED', granted: false, refusal: 'GEO_RESTRICTED', ttffMs: null }),
    ]);
    expect(metrics).toMatchObject({
      viewers: 3,
      playAttempts: 2,
      playStarts: 1,
      startFailures: 1,
      refusalChecks: 1,
      wrongGrants: 0,
      otherRefusals: 0,
      playRequests: 5,
      startFailureReasons: { 'ERROR:unreachable': 1 },
    });
  });

  it('counts a grant of a must-refuse request as a wrong grant, and another refusal reason apart', () => {
    const metrics = summarize([
      outcome({ mustRefuse: 'MATURITY_RESTRICTED', granted: true, ttffMs: null, endReason: null }),
      outcome({
        mustRefuse: 'RENTAL_EXPIRED',
        granted: false,
        refusal: 'TEMPORARILY_UNAVAILABLE',
        ttffMs: null,
      }),
    ]);
    expect(metrics.wrongGrants).toBe(1);
    expect(metrics.otherRefusals).toBe(1);
    expect(metrics.playAttempts).toBe(0);
  });

  it('counts sessions that ended before their planned end as stops, and late ones as unfinished', () => {
    const metrics = summarize([
      outcome(),
      outcome({ endReason: 'MEDIA_UNAVAILABLE', positionSeconds: 40 }),
      outcome({ endReason: 'UNFINISHED', positionSeconds: 90 }),
    ]);
    expect(metrics.playbackStops).toBe(1);
    expect(metrics.unfinishedSessions).toBe(1);
    expect(metrics.stopReasons).toEqual({ MEDIA_UNAVAILABLE: 1 });
  });

  it('weights the rebuffer ratio and the bitrate by media time', () => {
    const metrics = summarize([
      outcome({ positionSeconds: 90, rebufferSeconds: 10, averageKbps: 1000 }),
      outcome({ positionSeconds: 10, rebufferSeconds: 0, averageKbps: 6000 }),
    ]);
    expect(metrics.rebufferRatio).toBeCloseTo(10 / 110);
    expect(metrics.avgBitrateKbps).toBeCloseTo((90 * 1000 + 10 * 6000) / 100);
  });

  it('takes startup percentiles over started sessions and sums failovers', () => {
    const metrics = summarize([
      outcome({ ttffMs: 100, cdnFailovers: 1 }),
      outcome({ ttffMs: 300, cdnFailovers: 2 }),
      outcome({ ttffMs: null, endReason: null, granted: false, refusal: 'ERROR:unreachable' }),
    ]);
    expect(metrics.ttffMsP50).toBe(100);
    expect(metrics.ttffMsP95).toBe(300);
    expect(metrics.cdnFailovers).toBe(3);
  });

  it('reports zeros and nulls for an empty fleet', () => {
    expect(summarize([])).toMatchObject({ viewers: 0, rebufferRatio: 0, ttffMsP50: null, avgBitrateKbps: 0 });
  });
});

describe('summarize, prefetch and the outage', () => {
  it('counts prefetched presses and starts, and splits the presses made while the control plane was away', () => {
    const metrics = summarize(
      [
        outcome({ pressedAtMs: 500, prefetched: true, startedFromPrefetch: true }),
        outcome({ pressedAtMs: 2_000, prefetched: true, startedFromPrefetch: true }),
        outcome({ pressedAtMs: 2_500, prefetched: true, ttffMs: null, endReason: null }),
        outcome({ pressedAtMs: 3_000, ttffMs: null, endReason: null, refusal: 'ERROR:unreachable' }),
        outcome({ pressedAtMs: 9_000 }),
      ],
      { fromMs: 1_000, toMs: 5_000 },
    );

    expect(metrics).toMatchObject({ prefetchedPresses: 3, prefetchedStarts: 2 });
    expect(metrics.outage).toEqual({ presses: 3, prefetchedPresses: 2, prefetchedStarts: 1, otherStarts: 0 });
  });

  it('has no outage figures when the scenario has no outage', () => {
    expect(summarize([outcome()]).outage).toBeNull();
  });
});

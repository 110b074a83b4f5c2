import {
  formatPhaseTable,
  percentile,
  phaseRows,
  rotationTimes,
  type Phase,
  type PlayRecord,
} from './hostsReport';

const play = (pressedAtMs: number, latencyMs: number, overrides: Partial<PlayRecord> = {}): PlayRecord => ({
  pressedAtMs,
  latencyMs,
  mustRefuse: null,
  granted: true,
  refusal: null,
  endReason: 'COMPLETED',
  ...overrides,
});

const phases: Phase[] = [
  { name: 'healthy', fromMs: 0, toMs: 1_000, injectedMs: 0 },
  { name: 'zone-latency', fromMs: 1_000, toMs: 2_000, injectedMs: 120 },
];

describe('the multi-host report', () => {
  it('takes the nearest-rank percentile', () => {
    expect(percentile([], 0.99)).toBeNull();
    expect(percentile([5, 1, 3], 0.5)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, index) => index + 1),
        0.99,
      ),
    ).toBe(99);
  });

  it('counts each press in the phase it began in, against the healthy p99', () => {
    const rows = phaseRows(
      phases,
      [
        play(10, 100),
        play(20, 200),
        play(1_100, 300),
        play(1_200, 0, { granted: false, refusal: 'ERROR:unreachable', endReason: null }),
        play(1_300, 50, { mustRefuse: 'NOT_ENTITLED', endReason: null }),
        play(1_400, 80, { endReason: 'MEDIA_UNAVAILABLE' }),
      ],
      [
        { atMs: 5, durationMs: 90 },
        { atMs: 1_500, durationMs: 2_900 },
      ],
    );
    expect(rows[0]).toMatchObject({
      phase: 'healthy',
      plays: 2,
      startRate: 1,
      p99Ms: 200,
      p99LimitMs: null,
      maxRequestMs: 90,
    });
    expect(rows[1]).toMatchObject({
      phase: 'zone-latency',
      plays: 4,
      startRate: 2 / 3,
      failedStarts: 1,
      failureReasons: { 'ERROR:unreachable': 1 },
      wrongGrants: 1,
      playbackStops: 1,
      p99Ms: 300,
      p99LimitMs: 2 * 200 + 120,
      maxRequestMs: 2_900,
    });
    expect(formatPhaseTable(rows)).toContain('| zone-latency | 4 | 66.7% | 1 | 1 | 80 | 300 | 520 | 2900 |');
  });

  it('times a replica out of rotation from the fault, and back from the healing', () => {
    const changes = [
      { atMs: 0, state: 'closed' as const },
      { atMs: 10_400, state: 'open' as const },
      { atMs: 15_500, state: 'half-open' as const },
      { atMs: 15_900, state: 'open' as const },
      { atMs: 23_100, state: 'closed' as const },
    ];
    expect(rotationTimes(changes, 10_000, 20_000)).toEqual({ outMs: 400, backMs: 3_100 });
    expect(rotationTimes([{ atMs: 0, state: 'closed' }], 10_000, 20_000)).toEqual({
      outMs: null,
      backMs: null,
    });
  });
});

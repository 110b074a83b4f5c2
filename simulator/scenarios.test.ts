import { FAULT_END, FAULT_START, scenarioTimeline, SCENARIOS, US_FIRST_CDN } from './scenarios';

const options = {
  seconds: 60,
  seed: 42,
  cdnIds: ['cdn-us-east', 'cdn-eu', 'cdn-global'],
  subgraphProcesses: ['profiles', 'entitlements', 'catalog', 'playback', 'playback-2'],
};

describe('scenario timelines', () => {
  it('has no faults when calm', () => {
    expect(scenarioTimeline('calm', options)).toEqual([]);
  });

  it('kills the first US CDN at 30% of the run in cdn-outage', () => {
    expect(scenarioTimeline('cdn-outage', options)).toEqual([
      { atMs: 18_000, action: { kind: 'killEdge', cdnId: US_FIRST_CDN } },
    ]);
  });

  it('kills the control plane at 30% and brings it back at 70%', () => {
    expect(scenarioTimeline('control-plane-outage', options)).toEqual([
      { atMs: 60_000 * FAULT_START, action: { kind: 'killControlPlane' } },
      { atMs: 60_000 * FAULT_END, action: { kind: 'restartControlPlane' } },
    ]);
  });

  it('throttles most viewers and restores them in slow-network', () => {
    const timeline = scenarioTimeline('slow-network', options);
    expect(timeline.map((entry) => entry.action.kind)).toEqual(['throttleViewers', 'restoreViewers']);
    expect(timeline[0]!.action).toMatchObject({ share: expect.any(Number), factor: expect.any(Number) });
  });

  it('plans the same flaky faults for the same seed and other ones for another seed', () => {
    const first = scenarioTimeline('flaky', options);
    expect(scenarioTimeline('flaky', options)).toEqual(first);
    expect(scenarioTimeline('flaky', { ...options, seed: 7 })).not.toEqual(first);
  });

  it('pairs every flaky fault with its end, in time order, inside the run, one at a time per target', () => {
    const timeline = scenarioTimeline('flaky', options);
    expect(timeline.length).toBeGreaterThanOrEqual(20);
    expect(timeline.map((entry) => entry.atMs)).toEqual(
      [...timeline.map((entry) => entry.atMs)].sort((a, b) => a - b),
    );
    const open = new Map<string, number>();
    for (const { atMs, action } of timeline) {
      expect(atMs).toBeGreaterThanOrEqual(6_000);
      expect(atMs).toBeLessThan(60_000);
      const target = 'service' in action ? action.service : 'cdnId' in action ? action.cdnId : '';
      if (action.kind === 'pauseSubgraph' || action.kind === 'edgeFaults') {
        expect(open.has(target)).toBe(false);
        open.set(target, atMs);
      } else {
        expect(open.has(target)).toBe(true);
        open.delete(target);
      }
    }
    expect(open.size).toBe(0);
    const kinds = new Set(timeline.map((entry) => entry.action.kind));
    expect(kinds).toEqual(new Set(['pauseSubgraph', 'resumeSubgraph', 'edgeFaults', 'edgeReset']));
  });

  it('knows five scenarios', () => {
    expect(SCENARIOS).toEqual(['calm', 'cdn-outage', 'control-plane-outage', 'flaky', 'slow-network']);
  });
});

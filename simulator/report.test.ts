import { summarize } from './metrics';
import { formatTable } from './report';

describe('the report table', () => {
  it('prints one aligned Markdown row per run with the issue’s columns', () => {
    const metrics = summarize([
      {
        mustRefuse: null,
        playRequests: 1,
        granted: true,
        refusal: null,
        ttffMs: 250,
        endReason: 'COMPLETED',
        plannedSeconds: 100,
        positionSeconds: 99,
        rebufferSeconds: 1,
        averageKbps: 4321,
        cdnFailovers: 2,
        pressedAtMs: 1_000,
        prefetched: true,
        startedFromPrefetch: true,
      },
    ]);
    const table = formatTable([{ scenario: 'cdn-outage', baseline: true, ...metrics }]);
    const [header, rule, row] = table.split('\n');
    expect(header).toMatch(/^\| scenario +\| mode +\| viewers \| playAttempts \|/);
    expect(rule).toMatch(/^\|-+\|/);
    expect(row).toMatch(
      /\| cdn-outage \| baseline \| 1 +\| 1 +\| 1 +\| 0 +\| 0 +\| 1\.00% +\| 250 +\| 250 +\| 4321 +\| 2 +\| 0\/0 +\| 1\/1 +\| - +\|/,
    );
    expect(header!.length).toBe(row!.length);
  });
});

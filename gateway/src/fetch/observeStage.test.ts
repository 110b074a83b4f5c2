import type { Logger } from '@platform/log';
import { subgraphFetch } from '@testing/subgraphFetch';
import { SubgraphUnavailableError } from './unavailable';
import { observeStage } from './observeStage';

function recordingLogger() {
  const warnings: [string, Record<string, unknown> | undefined][] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    error: () => {},
    warn: (message, fields) => warnings.push([message, fields]),
  };
  return { logger, warnings };
}

describe('the observe stage', () => {
  const fetch = subgraphFetch('catalog', '{ titles { id } }', { path: ['titles'] });

  it('observes each answered send once, as ok, with its subgraph and a duration', async () => {
    const observed: [string, string, number][] = [];
    const { logger, warnings } = recordingLogger();
    const answer = { data: { titles: [] } };
    const handler = observeStage((...args) => observed.push(args), logger)(async () => answer);
    await expect(handler(fetch)).resolves.toBe(answer);
    expect(observed).toEqual([['catalog', 'ok', expect.any(Number)]]);
    expect(observed[0]![2]).toBeGreaterThanOrEqual(0);
    expect(warnings).toEqual([]);
  });

  it('observes a failed send as failed, logs its reason, and lets the failure through', async () => {
    const observed: string[] = [];
    const { logger, warnings } = recordingLogger();
    const failure = new SubgraphUnavailableError('circuit_open', 'every circuit is open');
    const handler = observeStage(
      (_subgraph, outcome) => observed.push(outcome),
      logger,
    )(async () => {
      throw failure;
    });
    await expect(handler(fetch)).rejects.toBe(failure);
    expect(observed).toEqual(['failed']);
    expect(warnings).toEqual([
      [
        'subgraph fetch failed',
        { subgraph: 'catalog', path: 'titles', reason: 'circuit_open', error: 'every circuit is open' },
      ],
    ]);
  });
});

import { recordingLogger } from '@testing/recordingLogger';
import { subgraphFetch } from '@testing/subgraphFetch';
import { SubgraphUnavailableError } from './unavailable';
import { observeStage } from './observeStage';

describe('the observe stage', () => {
  const fetch = subgraphFetch('catalog', '{ titles { id } }', { path: ['titles'] });

  it('observes each answered send once, as ok, with its subgraph and a duration', async () => {
    const observed: [string, string, number][] = [];
    const logger = recordingLogger();
    const answer = { data: { titles: [] } };
    const handler = observeStage((...args) => observed.push(args), logger)(async () => answer);
    await expect(handler(fetch)).resolves.toBe(answer);
    expect(observed).toEqual([['catalog', 'ok', expect.any(Number)]]);
    expect(observed[0]![2]).toBeGreaterThanOrEqual(0);
    expect(logger.lines).toEqual([]);
  });

  it('observes a failed send as failed, logs its reason, and lets the failure through', async () => {
    const observed: string[] = [];
    const logger = recordingLogger();
    const failure = new SubgraphUnavailableError('circuit_open', 'every circuit is open');
    const handler = observeStage(
      (_subgraph, outcome) => observed.push(outcome),
      logger,
    )(async () => {
      throw failure;
    });
    await expect(handler(fetch)).rejects.toBe(failure);
    expect(observed).toEqual(['failed']);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'subgraph fetch failed',
        fields: {
          subgraph: 'catalog',
          path: 'titles',
          reason: 'circuit_open',
          error: 'every circuit is open',
        },
      },
    ]);
  });
});

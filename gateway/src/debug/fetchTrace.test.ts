import { subgraphFetch } from '@testing/subgraphFetch';
import type { FetchTrace } from '../request/debug';
import { traceStage } from './fetchTrace';

const TITLE =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Title { name } } }';

function tracedFetch(trace: FetchTrace[] | null) {
  return subgraphFetch('catalog', TITLE, { path: ['play', 'title'], trace });
}

describe('the trace stage', () => {
  it('names the replica that answered last, the attempts, and the path', async () => {
    const trace: FetchTrace[] = [];
    await traceStage(async (fetch) => {
      fetch.attempted.push('http://a/graphql', 'http://b/graphql');
      return { data: {} };
    })(tracedFetch(trace));
    expect(trace).toEqual([
      expect.objectContaining({
        subgraph: 'catalog',
        path: 'play.title',
        replica: 'http://b/graphql',
        attempts: 2,
        outcome: 'fresh',
      }),
    ]);
  });

  it('reports the worst fallback this subgraph used, a cache hit, an answer with errors, and a failure', async () => {
    const trace: FetchTrace[] = [];
    const fetch = tracedFetch(trace);
    await traceStage(async (sent) => {
      sent.attempted.push('http://a/graphql');
      sent.state.degraded.push(
        { path: ['play', 'title', 'name'], subgraph: 'catalog', fallback: 'STALE', ageSeconds: 3 },
        { path: ['play', 'title', 'x'], subgraph: 'catalog', fallback: 'DEFAULT', ageSeconds: null },
        { path: ['play', 'profile'], subgraph: 'profiles', fallback: 'OMITTED', ageSeconds: null },
      );
      return { data: {} };
    })(fetch);
    await traceStage(async () => ({ data: {} }))(tracedFetch(trace));
    await traceStage(async (sent) => {
      sent.attempted.push('http://a/graphql');
      return { data: null, errors: [{ message: 'resolver failed' }] };
    })(tracedFetch(trace));
    await expect(
      traceStage(async () => {
        throw new Error('no');
      })(tracedFetch(trace)),
    ).rejects.toThrow('no');
    expect(trace.map((entry) => [entry.outcome, entry.replica])).toEqual([
      ['default', 'http://a/graphql'],
      ['cached', null],
      ['failed', 'http://a/graphql'],
      ['failed', null],
    ]);
  });

  it('records nothing, and passes the answer through, when no trace was asked for', async () => {
    const answer = { data: { _entities: [] } };
    await expect(traceStage(async () => answer)(tracedFetch(null))).resolves.toBe(answer);
  });
});

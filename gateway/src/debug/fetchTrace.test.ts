import type { GatewayContext } from '../context';
import { newFallbackState } from '../fallback/degraded';
import { traced } from './fetchTrace';
import type { FetchTrace } from './requestDebug';

function anIncoming() {
  const context = {
    caller: { accountId: 'ana', country: null },
    fallback: newFallbackState(),
  } as GatewayContext;
  return {
    kind: 'incoming operation',
    context,
    pathInIncomingRequest: ['play', 'title'],
  } as unknown as Parameters<typeof traced>[2] & { context: GatewayContext };
}

describe('a traced fetch', () => {
  it('names the replica that answered last, the attempts, and the path', async () => {
    const trace: FetchTrace[] = [];
    await traced(trace, 'catalog', anIncoming(), async (attempted) => {
      attempted.push('http://a/graphql', 'http://b/graphql');
      return { data: {} };
    });
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

  it('reports the worst fallback this subgraph used, a cache hit, and a failure', async () => {
    const trace: FetchTrace[] = [];
    const incoming = anIncoming();
    await traced(trace, 'catalog', incoming, async (attempted) => {
      attempted.push('http://a/graphql');
      incoming.context.fallback.degraded.push(
        { path: ['play', 'title', 'name'], subgraph: 'catalog', fallback: 'STALE', ageSeconds: 3 },
        { path: ['play', 'title', 'x'], subgraph: 'catalog', fallback: 'DEFAULT', ageSeconds: null },
        { path: ['play', 'profile'], subgraph: 'profiles', fallback: 'OMITTED', ageSeconds: null },
      );
      return { data: {} };
    });
    await traced(trace, 'catalog', incoming, async () => ({ data: {} }));
    await expect(
      traced(trace, 'catalog', incoming, async () => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(trace.map((fetch) => [fetch.outcome, fetch.replica])).toEqual([
      ['default', 'http://a/graphql'],
      ['cached', null],
      ['failed', null],
    ]);
  });
});

import { print } from 'graphql';
import { documentIdOf } from '@contracts/documentId';
import { documentIds } from '../../__generated__/documentIds';
import persistedDocuments from '../../__generated__/persisted-documents.json';
import {
  EndPlaybackDocument,
  PlayDocument,
  PrefetchDocument,
  StartPlaybackDocument,
} from '../../__generated__/operations';
import { GatewayList } from './gateways';
import {
  GraphQLRequestError,
  PLAYER_CLIENT,
  REQUEST_CLASS_HEADER,
  sendGraphQL,
  type GraphQLEndpoint,
} from './graphql';
import packageJson from '../package.json';

const PLAY_ID = documentIds.Play;

function endpointAnswering(status: number, body: unknown): GraphQLEndpoint {
  return {
    gateways: new GatewayList('http://gateway.test'),
    headers: async () => ({}),
    fetch: async () =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  };
}

describe('sendGraphQL', () => {
  it('sends the trusted document id and the variables, never the query text', async () => {
    const sent: unknown[] = [];
    const endpoint: GraphQLEndpoint = {
      gateways: new GatewayList('http://gateway.test/'),
      headers: async () => ({ authorization: 'Bearer t' }),
      fetch: async (url, init) => {
        sent.push({ url, body: JSON.parse(String(init?.body)) });
        return Response.json({ data: { play: {} } });
      },
    };
    await sendGraphQL<{ play: object }>(endpoint, PLAY_ID, { input: { titleId: 't-1' } }, 'play');
    expect(sent).toEqual([
      {
        url: 'http://gateway.test/graphql',
        body: { documentId: PLAY_ID, variables: { input: { titleId: 't-1' } } },
      },
    ]);
  });

  it('sends each request in a trace of its own, and names it on the error a failed request throws', async () => {
    const traceparents: string[] = [];
    const endpoint: GraphQLEndpoint = {
      gateways: new GatewayList('http://gateway.test'),
      headers: async () => ({}),
      fetch: async (_url, init) => {
        traceparents.push((init?.headers as Record<string, string>).traceparent!);
        return Response.json(
          { errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] },
          { status: 401 },
        );
      },
    };
    const failures = await Promise.all(
      [1, 2].map(() =>
        sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play').catch((error: unknown) => error),
      ),
    );
    expect(traceparents).toEqual([
      expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/),
      expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/),
    ]);
    expect(traceparents[0]).not.toBe(traceparents[1]);
    expect(failures.map((failure) => (failure as GraphQLRequestError).traceId)).toEqual(
      traceparents.map((header) => header.split('-')[1]),
    );
  });

  it('says which class each request is, browse unless told, for a gateway under overload', async () => {
    const classes: string[] = [];
    const endpoint: GraphQLEndpoint = {
      gateways: new GatewayList('http://gateway.test'),
      headers: async () => ({}),
      fetch: async (_url, init) => {
        classes.push((init?.headers as Record<string, string>)[REQUEST_CLASS_HEADER]!);
        return Response.json({ data: { play: {} } });
      },
    };
    await sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play');
    await sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play', 'critical');
    expect(classes).toEqual(['browse', 'critical']);
  });

  it('returns partial data when the root field is there despite errors elsewhere', async () => {
    const endpoint = endpointAnswering(200, {
      data: { play: { decision: { reason: 'TEMPORARILY_UNAVAILABLE' }, title: null } },
      errors: [
        { message: 'The catalog service is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } },
      ],
    });
    await expect(sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play')).resolves.toEqual({
      play: { decision: { reason: 'TEMPORARILY_UNAVAILABLE' }, title: null },
    });
  });

  it('throws with the first error code when the root field is missing', async () => {
    const endpoint = endpointAnswering(401, {
      errors: [{ message: 'no token', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const failure = sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play');
    await expect(failure).rejects.toBeInstanceOf(GraphQLRequestError);
    await expect(failure).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('throws when the root field is null', async () => {
    const endpoint = endpointAnswering(200, { data: { play: null }, errors: [{ message: 'boom' }] });
    await expect(sendGraphQL<{ play: object | null }>(endpoint, PLAY_ID, {}, 'play')).rejects.toThrow('boom');
  });
});

describe('sendGraphQL with several gateways', () => {
  /** Gateways answering by host: a status (with a JSON body), or 'down' (connection refused). */
  function regions(answers: Record<string, number | 'down'>, now = () => 0) {
    const asked: string[] = [];
    const endpoint: GraphQLEndpoint = {
      gateways: new GatewayList(
        Object.keys(answers).map((host) => `http://${host}`),
        { now },
      ),
      headers: async () => ({}),
      fetch: async (url) => {
        const host = new URL(String(url)).host;
        asked.push(host);
        const answer = answers[host]!;
        if (answer === 'down') throw new TypeError('fetch failed');
        return Response.json(
          answer === 200 ? { data: { play: { from: host } } } : { errors: [{ message: `HTTP ${answer}` }] },
          { status: answer },
        );
      },
    };
    return { endpoint, asked };
  }

  it.each([
    ['unreachable', 'down' as const],
    ['overloaded (503)', 503],
    ['failing (500)', 500],
  ])('asks the next region when the home gateway is %s', async (_case, home) => {
    const { endpoint, asked } = regions({ 'eu.test': home, 'us.test': 200 });

    await expect(sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play')).resolves.toEqual({
      play: { from: 'us.test' },
    });
    expect(asked).toEqual(['eu.test', 'us.test']);
  });

  it('takes a 4xx or a refusal as the answer: another region would say the same', async () => {
    const { endpoint, asked } = regions({ 'eu.test': 429, 'us.test': 200 });

    await expect(sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play')).rejects.toMatchObject({
      status: 429,
    });
    expect(asked).toEqual(['eu.test']);
  });

  it("throws the last region's failure when none answers", async () => {
    const { endpoint } = regions({ 'eu.test': 'down', 'us.test': 503 });

    await expect(sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play')).rejects.toMatchObject({
      status: 503,
    });
  });

  it('goes straight to the region that answers while the home one is set aside, and home again after', async () => {
    let now = 0;
    const answers: Record<string, number | 'down'> = { 'eu.test': 'down', 'us.test': 200 };
    const { endpoint, asked } = regions(answers, () => now);
    await sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play');
    asked.length = 0;

    now = 29_000;
    await sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play');
    expect(asked).toEqual(['us.test']);

    answers['eu.test'] = 200;
    now = 31_000;
    await sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play');
    expect(asked).toEqual(['us.test', 'eu.test']);
  });
});

describe('the trusted document ids the SDK sends', () => {
  it.each([
    ['Play', PlayDocument],
    ['Prefetch', PrefetchDocument],
    ['StartPlayback', StartPlaybackDocument],
    ['EndPlayback', EndPlaybackDocument],
  ] as const)('name %s as the gateway lists it: the id of the printed typed document', (name, document) => {
    const text = print(document);
    expect(documentIds[name]).toBe(documentIdOf(text));
    expect((persistedDocuments as Record<string, string>)[documentIds[name]]).toBe(text);
  });

  it("names this SDK's own version when the app names no client of its own", () => {
    expect(PLAYER_CLIENT).toEqual({ name: 'streaming-player', version: packageJson.version });
  });
});

describe('sendGraphQL hedged', () => {
  /** `silent` hosts take the request and never answer; the others answer at once. */
  function regions(hosts: string[], silent: string[], timeoutMs = 2_000) {
    const asked: { host: string; signal: AbortSignal; earlierGaveUp: boolean }[] = [];
    const endpoint: GraphQLEndpoint = {
      gateways: new GatewayList(hosts.map((host) => `http://${host}`)),
      headers: async () => ({}),
      timeoutMs,
      hedgeAfterMs: 20,
      fetch: async (url, init) => {
        const host = new URL(String(url)).host;
        asked.push({
          host,
          signal: init!.signal!,
          earlierGaveUp: asked.every((earlier) => earlier.signal.aborted),
        });
        if (silent.includes(host)) {
          return new Promise((_resolve, reject) =>
            init!.signal!.addEventListener('abort', () => reject(new Error('aborted'))),
          );
        }
        return Response.json({ data: { play: { from: host } } });
      },
    };
    return { endpoint, asked };
  }

  it('asks the next gateway too once the first is silent, takes its answer and abandons the first', async () => {
    const { endpoint, asked } = regions(['eu.test', 'us.test'], ['eu.test']);

    await expect(
      sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play', 'critical', { hedge: true }),
    ).resolves.toEqual({ play: { from: 'us.test' } });
    expect(asked.map((request) => request.host)).toEqual(['eu.test', 'us.test']);
    // Asked while the first still waited, which is abandoned once the second answered.
    expect(asked[1]!.earlierGaveUp).toBe(false);
    expect(asked[0]!.signal.aborted).toBe(true);
    // The silent one is set aside: the next request starts with the one that answered.
    expect(endpoint.gateways.order()).toEqual(['http://us.test', 'http://eu.test']);
  });

  it('asks only the first when it answers in time', async () => {
    const { endpoint, asked } = regions(['eu.test', 'us.test'], []);

    await sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play', 'critical', { hedge: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked.map((request) => request.host)).toEqual(['eu.test']);
  });

  it('never sends a request without `hedge` (a mutation) to a second gateway before the first failed', async () => {
    const { endpoint, asked } = regions(['eu.test', 'us.test'], ['eu.test'], 100);

    await expect(sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play', 'critical')).resolves.toEqual({
      play: { from: 'us.test' },
    });
    expect(asked.map((request) => request.host)).toEqual(['eu.test', 'us.test']);
    // The first had reached its own deadline before the second was asked.
    expect(asked[1]!.earlierGaveUp).toBe(true);
  });

  it('throws the last failure when every gateway stays silent until its deadline', async () => {
    const { endpoint } = regions(['eu.test', 'us.test'], ['eu.test', 'us.test'], 100);

    await expect(
      sendGraphQL<{ play: object }>(endpoint, PLAY_ID, {}, 'play', 'critical', { hedge: true }),
    ).rejects.toThrow(GraphQLRequestError);
  });
});

/**
 * The overload gate on the public listener (fake subgraphs that take their time, so requests stay in
 * flight): with the limit held at 4, browse fills at most two places and is refused with 503 and
 * Retry-After, before its body is read when it says what it is; a viewer's `play` still gets in;
 * the refusals are counted on /metrics.
 */
import { documentIds } from '../../../clients/__generated__/documentIds';
import { REQUEST_CLASS_HEADER as PLAYER_HEADER } from '../../../clients/player/src/graphql';
import { GOOD_TOKEN, rawRequest, startTestGateway, type TestGateway } from '@testing/testGateway';
import { DEFAULT_ADMISSION } from '@platform/overload/admission';
import { REQUEST_CLASS_HEADER } from '@contracts/shedding';

const LIMIT = 4;
const TITLE = { documentId: documentIds.Title, variables: { id: 't-1' } };
const PLAY = {
  documentId: documentIds.Play,
  variables: {
    input: {
      titleId: 't-1',
      profileId: 'p-1',
      device: { id: 'tv', type: 'TV', codecs: ['H264'], maxHeight: 1080, drm: [] },
    },
  },
};

describe('the overload gate', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(
      // A limit that does not move, whatever this machine's load: the shares are what is tested.
      { loadShedding: { ...DEFAULT_ADMISSION, initialLimit: LIMIT, minLimit: LIMIT, maxLimit: LIMIT } },
      400,
    );
  });
  afterAll(() => gateway.stop(1_000));

  function post(body: unknown, headers: Record<string, string> = {}) {
    return fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${GOOD_TOKEN}`, ...headers },
      body: JSON.stringify(body),
    });
  }

  it('refuses browse past its share with 503 and Retry-After, and lets a play in', async () => {
    const browsing = [post(TITLE), post(TITLE)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await post(TITLE);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({
      errors: [{ extensions: { code: 'OVERLOADED', requestClass: 'browse', retryAfterSeconds: 1 } }],
    });
    // The viewer's start is critical: it finds room beside the two browsing.
    const play = await post(PLAY);
    expect(play.status).not.toBe(503);
    expect((await Promise.all(browsing)).map((answer) => answer.status)).toEqual([200, 200]);
  });

  it('refuses a request that declares itself browse before its body is read', async () => {
    const browsing = [post(TITLE), post(TITLE)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const answer = await rawRequest(
      gateway.port,
      `POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n${REQUEST_CLASS_HEADER}: browse\r\n` +
        `authorization: Bearer ${GOOD_TOKEN}\r\ncontent-length: 1048000\r\n\r\n{"documentId":`,
    );
    expect(answer.status).toBe(503);
    expect(answer.text.toLowerCase()).toContain('connection: close');
    await Promise.all(browsing);
  });

  it('classes a prefetch by its document: refused where a play still gets in, whatever it declares', async () => {
    const browsing = [post(TITLE), post(TITLE)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const prefetch = await post(
      { documentId: documentIds.Prefetch, variables: PLAY.variables },
      { [REQUEST_CLASS_HEADER]: 'critical' },
    );
    expect(prefetch.status).toBe(503);
    expect(await prefetch.json()).toMatchObject({ errors: [{ extensions: { requestClass: 'prefetch' } }] });
    expect((await post(PLAY)).status).not.toBe(503);
    await Promise.all(browsing);
  });

  it('reads the header the player SDK sends', () => {
    expect(PLAYER_HEADER).toBe(REQUEST_CLASS_HEADER);
  });

  it('does not let a request raise its class by declaring it: the document decides', async () => {
    const browsing = [post(TITLE), post(TITLE)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const claimed = await post(TITLE, { [REQUEST_CLASS_HEADER]: 'critical' });
    expect(claimed.status).toBe(503);
    await Promise.all(browsing);
    const metrics = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
    expect(metrics).toMatch(/gateway_requests_shed_total\{class="browse"\} 3/);
    expect(metrics).toMatch(/gateway_requests_shed_total\{class="prefetch"\} 1/);
    expect(metrics).toMatch(new RegExp(`gateway_admission_limit ${LIMIT}`));
  });
});

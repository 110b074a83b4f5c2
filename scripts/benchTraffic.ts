/**
 * What `npm run bench` (scripts/bench.ts) sends: the realistic mix (simulator/trafficMix.ts) by
 * default, or one granted `play` of one title for one account (`--scenario single`, the benchmark of
 * earlier days), as the player SDK sends them: trusted documents, the account's own token, its
 * country, the request's class. Each answer is counted by what it was.
 */
import type autocannon from 'autocannon';
import { documentIds } from '../clients/__generated__/documentIds';
import type { MixRequest, MixRequestKind, TrafficMix } from '../simulator/trafficMix';

/** The benchmark's 4K HDR TV, for the requests of one device. */
export const TV = {
  id: 'bench-tv',
  type: 'TV',
  codecs: ['H264', 'HEVC'],
  maxHeight: 2160,
  hdr: ['HDR10'],
  drm: ['WIDEVINE'],
};

/** A request ready to send: its kind, headers and body. */
export interface Prepared {
  kind: MixRequestKind;
  headers: Record<string, string>;
  body: string;
}

const deviceHeaders = (token: string, country = 'US') => ({
  'content-type': 'application/json',
  authorization: `Bearer ${token}`,
  'x-country': country,
});

/** The class the player SDK gives each kind of request (a gateway that sheds goes by it). */
const CLASS_OF: Record<MixRequestKind, string> = { play: 'critical', row: 'browse', title: 'browse' };

export function playRequest(
  gatewayUrl: string,
  token: string,
  titleId: string,
  profileId: string,
  deviceId: string,
) {
  return {
    url: `${gatewayUrl}/graphql`,
    method: 'POST' as const,
    headers: { ...deviceHeaders(token), 'x-request-class': CLASS_OF.play },
    body: JSON.stringify({
      documentId: documentIds.Play,
      variables: {
        input: {
          titleId,
          profileId,
          device: { ...TV, id: deviceId },
          network: { type: 'WIFI', downlinkKbps: 12000 },
        },
      },
    }),
  };
}

/** u-premium's granted play of t-premium-4k on a 4K TV: the single scenario, and every stack's warm-up check. */
export const singlePlay = (gatewayUrl: string, token: string) =>
  playRequest(gatewayUrl, token, 't-premium-4k', 'p-premium-adult', TV.id);

/** What a device sends while the viewer browses: a page of titles, as the player's browse screen. */
export function browseRequest(gatewayUrl: string, token: string) {
  return {
    url: `${gatewayUrl}/graphql`,
    method: 'POST' as const,
    headers: { ...deviceHeaders(token), 'x-request-class': CLASS_OF.row },
    body: JSON.stringify({ documentId: documentIds.Titles, variables: { first: 20 } }),
  };
}

export const isGranted = (body: string) => body.includes('"reason":"GRANTED"') && body.includes('"jws":"');

/** The mix's requests with a token for each account, from the stack's development identity. */
export async function prepareMix(
  mix: TrafficMix,
  tokenFor: (accountId: string) => Promise<string>,
): Promise<Prepared[]> {
  const accounts = [...new Set(mix.requests.map((request) => request.accountId))];
  const tokens = new Map(
    await Promise.all(accounts.map(async (account) => [account, await tokenFor(account)] as const)),
  );
  // One headers object per account, country and class: the plan holds tens of thousands of requests.
  const headers = new Map<string, Prepared['headers']>();
  const headersOf = ({ accountId, country, kind }: MixRequest) => {
    const key = `${accountId} ${country} ${CLASS_OF[kind]}`;
    let value = headers.get(key);
    if (!value) {
      value = { ...deviceHeaders(tokens.get(accountId)!, country), 'x-request-class': CLASS_OF[kind] };
      headers.set(key, value);
    }
    return value;
  };
  return mix.requests.map((request: MixRequest) => ({
    kind: request.kind,
    headers: headersOf(request),
    body: JSON.stringify({ documentId: documentIds[request.operation], variables: request.variables }),
  }));
}

/** What the answers of a run were: plays granted or refused (by reason), browsing answered, errors. */
export class Tally {
  plays = 0;
  granted = 0;
  refused = new Map<string, number>();
  browsed = 0;
  errors = 0;

  count(kind: MixRequestKind, status: number, body: string): void {
    if (kind === 'play') {
      const reason = status === 200 ? /"reason":"(\w+)"/.exec(body)?.[1] : undefined;
      if (reason === 'GRANTED' && body.includes('"jws":"')) {
        this.plays++;
        this.granted++;
      } else if (reason && reason !== 'GRANTED') {
        this.plays++;
        this.refused.set(reason, (this.refused.get(reason) ?? 0) + 1);
      } else this.errors++;
    } else if (status === 200 && !body.includes('"errors"') && !body.includes('"data":{"title":null'))
      this.browsed++;
    else this.errors++;
  }

  get answered(): number {
    return this.plays + this.browsed + this.errors;
  }

  /** `a` and `b` counted together, as a new tally. */
  static sum(a: Tally | undefined, b: Tally): Tally {
    const sum = new Tally();
    for (const tally of a ? [a, b] : [b]) {
      sum.plays += tally.plays;
      sum.granted += tally.granted;
      sum.browsed += tally.browsed;
      sum.errors += tally.errors;
      for (const [reason, count] of tally.refused)
        sum.refused.set(reason, (sum.refused.get(reason) ?? 0) + count);
    }
    return sum;
  }
}

/** Where a stack is in its plan: the next request to send. */
export interface Cursor {
  next: number;
}

/**
 * autocannon's `requests` for `prepared`, counting each answer into `tally`. The connections share
 * the stack's cursor through the plan, so every request of it is sent in turn whatever their number,
 * and each run goes on where the stack's last one stopped.
 */
export function trafficRequests(
  prepared: readonly Prepared[],
  tally: Tally,
  cursor: Cursor = { next: 0 },
): autocannon.Request[] {
  const onResponse = (status: number, body: string, context: { kind?: MixRequestKind }) =>
    tally.count(context.kind ?? prepared[0]!.kind, status, body);
  if (prepared.length === 1) {
    const [{ headers, body }] = prepared as [Prepared];
    return [{ method: 'POST', headers, body, onResponse } as autocannon.Request];
  }
  return [
    {
      setupRequest: (request: autocannon.Request, context: { kind?: MixRequestKind }) => {
        const { kind, headers, body } = prepared[cursor.next++ % prepared.length]!;
        context.kind = kind;
        return { ...request, method: 'POST', headers, body };
      },
      onResponse,
    } as autocannon.Request,
  ];
}

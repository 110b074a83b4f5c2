/**
 * A fake `fetch` for segment requests: each CDN's behaviour is scripted per request, and downloads
 * take virtual time by the scripted throughput. Test-only.
 */
import type { Fetch } from '../../src/clock';
import type { ManifestVariant } from '../../src/manifest';
import type { VirtualClock } from './virtualClock';

export type Behaviour =
  { kbps: number; latencyMs?: number } | { refuse: true } | { status: number } | { hang: true };

export interface SegmentRequest {
  cdnId: string;
  titleId: string;
  variantId: string;
  segment: number;
  token: string | null;
  sid: string | null;
  /** Clock ms when the request was made. */
  at: number;
}

export interface ScriptedNetworkOptions {
  clock: VirtualClock;
  variants: readonly ManifestVariant[];
  segmentSeconds: number;
  /** Bytes sent per nominal byte, like an edge's `EDGE_PAYLOAD_SCALE`. */
  payloadScale: number;
  /** Behaviour of a CDN (by the host of its base URL, `https://<cdnId>.test`) for one request. */
  behaviour: (request: SegmentRequest) => Behaviour;
}

export function scriptedNetwork(options: ScriptedNetworkOptions): {
  fetch: Fetch;
  requests: SegmentRequest[];
} {
  const requests: SegmentRequest[] = [];
  const fetch: Fetch = async (input, init) => {
    const url = new URL(input);
    const [titleId, variantId, file] = url.pathname.split('/').filter(Boolean);
    const request: SegmentRequest = {
      cdnId: url.hostname.replace(/\.test$/, ''),
      titleId: titleId!,
      variantId: variantId!,
      segment: Number(file!.replace('.m4s', '')),
      token: url.searchParams.get('token'),
      sid: url.searchParams.get('sid'),
      at: options.clock.now(),
    };
    requests.push(request);
    const behaviour = options.behaviour(request);
    const signal = init?.signal ?? undefined;
    if ('refuse' in behaviour) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    if ('hang' in behaviour) {
      await options.clock.sleep(Number.MAX_SAFE_INTEGER / 2, signal);
      throw new Error('unreachable');
    }
    if ('status' in behaviour) return new Response('refused', { status: behaviour.status });
    const variant = options.variants.find((candidate) => candidate.id === request.variantId)!;
    const nominalKilobits = variant.bitrateKbps * options.segmentSeconds;
    await options.clock.sleep((behaviour.latencyMs ?? 0) + (nominalKilobits / behaviour.kbps) * 1000, signal);
    const bytes = Math.round(((nominalKilobits * 1000) / 8) * options.payloadScale);
    return new Response(new Uint8Array(bytes), { status: 200 });
  };
  return { fetch, requests };
}

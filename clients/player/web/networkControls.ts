/**
 * The reference player's "break things" switches that act in the browser, as a `fetch` wrapper
 * handed to the SDK: the control plane taken away (every request to the gateway fails as if the
 * network dropped it) and a slow network (segment bodies delivered no faster than a cap). Taking a
 * CDN down is done at the edge itself (the gateway's development route faults it).
 */
import type { Clock, Fetch } from '../src/clock';

export interface NetworkSwitches {
  /** Requests to the gateway fail with a network error. */
  controlPlaneDown: boolean;
  /** Cap on segment downloads in kilobits per wall second; null for none. */
  throttleKbps: number | null;
}

/** Wall milliseconds `bytes` take at `kbps`, less what the download already took. */
export function throttleDelayMs(bytes: number, kbps: number, elapsedMs: number): number {
  return Math.max(0, (bytes * 8) / kbps - elapsedMs);
}

export function controlledFetch(
  base: Fetch,
  options: { gatewayOrigin: string; clock: Clock; switches: () => NetworkSwitches },
): Fetch {
  return async (input, init) => {
    const switches = options.switches();
    const toGateway = new URL(input, options.gatewayOrigin).origin === options.gatewayOrigin;
    if (toGateway) {
      // A TypeError, as `fetch` rejects when the network is gone: the SDK treats it as unreachable.
      if (switches.controlPlaneDown) throw new TypeError('Failed to fetch (control plane switched off)');
      return base(input, init);
    }
    if (switches.throttleKbps === null) return base(input, init);
    const started = options.clock.now();
    const response = await base(input, init);
    if (!response.ok) return response;
    const body = await response.arrayBuffer();
    const delay = throttleDelayMs(body.byteLength, switches.throttleKbps, options.clock.now() - started);
    await options.clock.sleep(delay, init?.signal ?? undefined);
    return new Response(body, { status: response.status, headers: response.headers });
  };
}

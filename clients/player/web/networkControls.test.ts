import { controlledFetch, throttleDelayMs, type NetworkSwitches } from './networkControls';
import { VirtualClock } from '../test/support/virtualClock';

const GATEWAY = 'http://127.0.0.1:4000';

function rig(switches: NetworkSwitches) {
  const clock = new VirtualClock();
  const requested: string[] = [];
  const fetch = controlledFetch(
    async (input) => {
      requested.push(input);
      return new Response(new Uint8Array(125_000), { status: 200 });
    },
    { gatewayOrigin: GATEWAY, clock, switches: () => switches },
  );
  return { clock, fetch, requested };
}

describe('throttleDelayMs', () => {
  it('is the time the bytes take at the cap, less the time already spent', () => {
    expect(throttleDelayMs(125_000, 1_000, 0)).toBe(1_000);
    expect(throttleDelayMs(125_000, 1_000, 400)).toBe(600);
    expect(throttleDelayMs(125_000, 1_000, 5_000)).toBe(0);
  });
});

describe('controlledFetch', () => {
  it('fails every request to the gateway like a dropped network while the control plane is off', async () => {
    const { fetch, requested } = rig({ controlPlaneDown: true, throttleKbps: null });
    await expect(fetch(`${GATEWAY}/graphql`)).rejects.toThrow(TypeError);
    await expect(fetch('/.well-known/jwks.json')).rejects.toThrow(/control plane switched off/);
    expect(requested).toEqual([]);
    // Segments come from the CDNs, not the control plane: they still load.
    await expect(fetch('http://127.0.0.1:4101/t/v/0.m4s')).resolves.toMatchObject({ status: 200 });
  });

  it('holds a segment back until it took as long as the cap allows, and leaves the gateway alone', async () => {
    const { fetch, clock } = rig({ controlPlaneDown: false, throttleKbps: 500 });
    const started = clock.now();
    const response = await clock.runUntil(fetch('http://127.0.0.1:4101/t/v/0.m4s'));
    expect((await response.arrayBuffer()).byteLength).toBe(125_000);
    expect(clock.now() - started).toBe(2_000); // 1 Mbit at 500 kbit/s
    const gatewayStarted = clock.now();
    await clock.runUntil(fetch(`${GATEWAY}/graphql`));
    expect(clock.now()).toBe(gatewayStarted);
  });
});

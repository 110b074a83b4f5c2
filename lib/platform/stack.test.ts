import { isBadPort } from './badPorts';
import { freePort } from './ports';
import { stackPorts, stackServices, startStack, StackStartError } from './stack';

describe('the processes of the stack', () => {
  it('runs every registered subgraph, its extra replicas beside it, and the gateway last', () => {
    expect(
      stackServices().map(({ name, portVar, listenVar, defaultPort }) => [
        name,
        portVar,
        listenVar,
        defaultPort,
      ]),
    ).toEqual([
      ['catalog', 'CATALOG_PORT', 'CATALOG_PORT', 4003],
      ['entitlements', 'ENTITLEMENTS_PORT', 'ENTITLEMENTS_PORT', 4002],
      ['playback', 'PLAYBACK_PORT', 'PLAYBACK_PORT', 4004],
      // The second replica is told its own port through the variable every playback process reads.
      ['playback-2', 'PLAYBACK_REPLICA_PORT', 'PLAYBACK_PORT', 4014],
      ['profiles', 'PROFILES_PORT', 'PROFILES_PORT', 4001],
      ['usage', 'USAGE_PORT', 'USAGE_PORT', 4015],
      ['gateway', 'PORT', 'PORT', 4000],
    ]);
  });

  it('names the ports its environment gives them, or their defaults, for what starts before them', () => {
    expect(stackPorts({ CATALOG_PORT: '23712', PORT: '24000', ADMIN_PORT: '24001' })).toEqual([
      23712, 4002, 4004, 4014, 4001, 4015, 24000, 24001,
    ]);
  });
});

describe('starting the stack', () => {
  it('refuses ports that browsers and fetch block, and ports given twice, naming each service, before spawning anything', async () => {
    const env = {
      CATALOG_PORT: '6000',
      PROFILES_PORT: '10080',
      ENTITLEMENTS_PORT: '4500',
      PLAYBACK_PORT: '4500',
    };
    const onLine = jest.fn();
    const starting = startStack({ env, onLine });
    await expect(starting).rejects.toThrow(StackStartError);
    await expect(starting).rejects.toThrow(
      [
        'catalog cannot listen on port 6000 (CATALOG_PORT): browsers and fetch refuse to connect to it (a WHATWG "bad port")',
        'profiles cannot listen on port 10080 (PROFILES_PORT): browsers and fetch refuse to connect to it (a WHATWG "bad port")',
        'playback cannot listen on port 4500 (PLAYBACK_PORT): entitlements is given it too',
      ].join('\n'),
    );
    expect(onLine).not.toHaveBeenCalled();
  });

  it('hands out only free ports that clients accept', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(ports.filter(isBadPort)).toEqual([]);
  });

  it("hands out each port once to the services of one stack, below the kernel's ephemeral ports", async () => {
    const taken = new Set<number>();
    const ports: number[] = [];
    for (let service = 0; service < 200; service++) ports.push(await freePort(taken));
    expect(new Set(ports).size).toBe(ports.length);
    expect([...taken].sort()).toEqual([...ports].sort());
    // Outgoing connections take their local ports from 32768 up: none of them can hold a port given out.
    expect(ports.filter((port) => port >= 32_768)).toEqual([]);
  });
});

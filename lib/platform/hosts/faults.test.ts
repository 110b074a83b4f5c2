import { batched } from './commands';
import {
  blackholes,
  clearBlackholes,
  directRoutes,
  faults,
  FAULT_NAMES,
  NOWHERE_MAC,
  routesViaRouter,
} from './faults';
import { hostNamed, topologyPlan } from './plan';

const plan = topologyPlan();
const a = hostNamed(plan, 'a-gateway');
const b = hostNamed(plan, 'b-playback');

describe('the faults between hosts', () => {
  it('route a pair through the router, and back direct', () => {
    expect(routesViaRouter(plan, [a], [b])).toEqual([
      [
        'ip',
        '-n',
        'st-a-gateway',
        'route',
        'replace',
        `${b.address}/32`,
        'via',
        hostNamed(plan, 'wan').address,
      ],
    ]);
    expect(directRoutes([a], [b])).toEqual([['ip', '-n', 'st-a-gateway', 'route', 'del', `${b.address}/32`]]);
  });

  it('blackhole an address by a neighbour entry no host answers to, on the bridge too when asked', () => {
    const commands = blackholes(plan, [a], [b], true);
    expect(commands).toEqual([
      [
        'ip',
        '-n',
        'st-a-gateway',
        'neigh',
        'replace',
        b.address,
        'dev',
        a.veth.hostEnd,
        'lladdr',
        NOWHERE_MAC,
        'nud',
        'permanent',
      ],
      ['ip', 'neigh', 'replace', b.address, 'dev', 'sthosts0', 'lladdr', NOWHERE_MAC, 'nud', 'permanent'],
    ]);
    expect(clearBlackholes(plan, [a], [b], true)).toEqual([
      ['ip', '-n', 'st-a-gateway', 'neigh', 'del', b.address, 'dev', a.veth.hostEnd],
      ['ip', 'neigh', 'del', b.address, 'dev', 'sthosts0'],
    ]);
  });

  it('cover every fault the issue lists, each with its undoing', () => {
    const catalog = faults(plan);
    expect(Object.keys(catalog).sort()).toEqual([...FAULT_NAMES].sort());
    for (const fault of Object.values(catalog)) {
      expect(typeof fault.apply).toBe('function');
      expect(typeof fault.heal).toBe('function');
    }
    expect(catalog['zone-playback-gone'].gone).toEqual(['a-playback', 'a-playback-2']);
    expect(catalog['zone-latency'].injectedMs).toBe(120);
  });
});

describe('the commands of a fault', () => {
  it('go to each namespace as one batch, in order, the rest after', () => {
    expect(
      batched([
        ['ip', '-n', 'st-a', 'route', 'replace', '10.88.0.21/32', 'via', '10.88.0.2'],
        ['ip', 'neigh', 'del', '10.88.0.14', 'dev', 'sthosts0'],
        ['ip', '-n', 'st-a', 'route', 'replace', '10.88.0.22/32', 'via', '10.88.0.2'],
        ['kill', '1'],
      ]),
    ).toEqual([
      {
        command: ['ip', '-n', 'st-a', '-batch', '-'],
        input: 'route replace 10.88.0.21/32 via 10.88.0.2\nroute replace 10.88.0.22/32 via 10.88.0.2\n',
      },
      { command: ['ip', '-batch', '-'], input: 'neigh del 10.88.0.14 dev sthosts0\n' },
      { command: ['kill', '1'] },
    ]);
    expect(batched([['ip', '-n', 'st-a', 'route', 'del', '10.88.0.21/32']], true)[0]!.command).toEqual([
      'ip',
      '-n',
      'st-a',
      '-force',
      '-batch',
      '-',
    ]);
  });
});

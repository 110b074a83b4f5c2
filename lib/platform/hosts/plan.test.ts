import { networkCommands } from './network';
import { gatewayHost, hostsOfZone, NAMESPACE_PREFIX, topologyPlan } from './plan';
import { hostEnv } from './services';
import { stackServices } from '../stack';

const plan = topologyPlan();

describe('the multi-host plan', () => {
  it('gives each zone a host per process of the stack, and the datastores and router one each', () => {
    const services = stackServices()
      .map((service) => service.name)
      .sort();
    for (const zone of ['a', 'b'] as const) {
      expect(
        hostsOfZone(plan, zone)
          .map((host) => host.name.slice(2))
          .sort(),
      ).toEqual(services);
    }
    expect(plan.hosts.filter((host) => host.zone === null).map((host) => host.name)).toEqual([
      'redis',
      'mongodb',
      'wan',
    ]);
  });

  it('gives every host its own address, namespace and links, with names the kernel accepts', () => {
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique(plan.hosts.map((host) => host.address))).toBe(true);
    expect(unique(plan.hosts.map((host) => host.namespace))).toBe(true);
    for (const host of plan.hosts) {
      expect(host.namespace.startsWith(NAMESPACE_PREFIX)).toBe(true);
      expect(host.veth.bridgeEnd.length).toBeLessThanOrEqual(15);
      expect(host.veth.hostEnd.length).toBeLessThanOrEqual(15);
    }
    // Every host's link is on the bridge, which comes first.
    const commands = networkCommands(plan).map((command) => command.join(' '));
    expect(commands[0]).toBe('ip link add sthosts0 type bridge');
    for (const host of plan.hosts)
      expect(commands).toContain(`ip link set ${host.veth.bridgeEnd} master sthosts0 up`);
  });

  it("points a gateway at its own zone's replicas, and at the other zone's as failover", () => {
    const env = hostEnv(plan, gatewayHost(plan, 'b'), {});
    expect(env.HOST).toBe('10.88.0.21');
    expect(env.PLAYBACK_URL!.split(',')).toHaveLength(2);
    for (const url of env.PLAYBACK_URL!.split(','))
      expect(url).toMatch(/^http:\/\/10\.88\.0\.2\d:\d+\/graphql$/);
    for (const url of env.PLAYBACK_FAILOVER_URL!.split(','))
      expect(url).toMatch(/^http:\/\/10\.88\.0\.1\d:\d+\/graphql$/);
  });
});

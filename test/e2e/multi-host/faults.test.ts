/**
 * The graph across hosts: both zones, Redis and MongoDB each on a host of its own, in network
 * namespaces, with the fleet's viewers pressing play through every fault in turn (latency between
 * the zones, a lossy link, a blackholed replica, a gateway host lost, a zone cut off from the
 * datastores, a zone's playback replicas lost). What must hold whatever the machine's speed is
 * asserted here; the latency figures are measured by `npm run hosts -- run` and written down in
 * docs/multi-host.md, not asserted (a loaded CI machine would make them flake).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FAULT_NAMES } from '@platform/hosts/faults';
import { leftovers } from '@platform/hosts/network';
import { liveOwner } from '@platform/hosts/state';
import { REPOSITORY_ROOT } from '@platform/env';
import { describeWith } from '@testing/servers';
import { startHostsFleet, type HostsFleet } from '../../../simulator/hostsFleet';
import { runHosts, type HostsRunReport } from '../../../simulator/hostsRun';

const REQUEST_TIMEOUT_MS = 3_000;

describeWith(['namespaces'], 'the graph across hosts', () => {
  let fleet: HostsFleet;
  let report: HostsRunReport;

  beforeAll(async () => {
    fleet = await startHostsFleet();
    report = await runHosts({
      fleet,
      viewers: 40,
      faults: FAULT_NAMES,
      warmupSeconds: 5,
      healthySeconds: 10,
      faultSeconds: 10,
      // The blackholed replica's circuit takes its probe 5 s after opening: room to see it close.
      recoverSeconds: 7,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      hedgeAfterMs: 150,
      seed: 7,
      log: () => {},
    });
  }, 290_000);

  afterAll(async () => {
    await fleet?.stop();
  }, 60_000);

  const row = (phase: string) => report.rows.find((candidate) => candidate.phase === phase)!;

  it('never stops a playback that started, and never grants what the dataset refuses', () => {
    expect(row('whole run')).toMatchObject({ wrongGrants: 0, playbackStops: 0 });
    expect(row('whole run').plays).toBeGreaterThan(100);
  });

  it.each(FAULT_NAMES)('starts at least 99%% of the grantable plays through %s', (fault) => {
    const phase = row(fault);
    expect(phase.plays).toBeGreaterThan(10);
    // The reasons are in the failure's message when it fails.
    expect({ fault, failures: phase.failureReasons, startRate: phase.startRate! >= 0.99 }).toEqual({
      fault,
      failures: phase.failureReasons,
      startRate: true,
    });
  });

  it('takes the blackholed replica out of rotation and back once it heals', () => {
    expect(report.rotation).not.toBeNull();
    expect(report.rotation!.outMs).not.toBeNull();
    expect(report.rotation!.backMs).not.toBeNull();
  });

  it('lets no request wait past its deadline', () => {
    // The player's own deadline bounds each request; a timer firing late on a busy machine is the margin.
    expect(row('whole run').maxRequestMs).toBeLessThan(REQUEST_TIMEOUT_MS + 500);
  });
});

describeWith(['namespaces'], 'the topology when its owner is killed', () => {
  it('is removed, with every process in it, by the reaper', async () => {
    const owner = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPOSITORY_ROOT, 'test/support/hostsOwner.ts')],
      {
        cwd: REPOSITORY_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      owner.stdout!.on('data', (chunk: Buffer) => String(chunk).includes('up') && resolve());
      owner.once('exit', (code) =>
        reject(new Error(`the owner exited (${code}) before the topology was up`)),
      );
    });
    expect((await leftovers()).namespaces.length).toBeGreaterThan(10);
    owner.kill('SIGKILL');
    const deadline = Date.now() + 15_000;
    let left = await leftovers();
    while ((left.namespaces.length > 0 || left.links.length > 0) && Date.now() < deadline) {
      await sleep(200);
      left = await leftovers();
    }
    expect(left).toEqual({ namespaces: [], links: [] });
    expect(liveOwner()).toBeNull();
  }, 60_000);
});

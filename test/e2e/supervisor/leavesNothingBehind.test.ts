/**
 * `npm start` leaves nothing behind: however its supervisor ends, SIGKILL included, every service it
 * started is gone within two seconds and the ports are free for the next start.
 */
import { childPids, isPortFree, isRunning, startSupervisor, type Supervisor } from '@testing/supervisor';

/** The promise made to whoever restarts the stack: ports are free again within this. */
const GONE_WITHIN_MS = 2_000;

describe('a supervisor killed with SIGKILL', () => {
  let supervisor: Supervisor;

  afterEach(async () => {
    await supervisor?.cleanUp();
  });

  it('takes every process it started down within two seconds and frees every port', async () => {
    supervisor = await startSupervisor();
    await supervisor.ready();
    const children = childPids(supervisor.pid());
    // Seven services, and whatever helpers they run (tsx's esbuild service): all must go.
    expect(children.length).toBeGreaterThanOrEqual(Object.keys(supervisor.ports).length);

    const killedAt = Date.now();
    supervisor.process.kill('SIGKILL');
    await supervisor.exited();
    const goneAfterMs = await waitUntilGone(children, killedAt);
    console.log(`every child of the supervisor exited ${goneAfterMs} ms after its SIGKILL`);

    expect(children.filter(isRunning)).toEqual([]);
    expect(goneAfterMs).toBeLessThan(GONE_WITHIN_MS);
    await expectPortsFree(supervisor.ports);
  }, 90_000);
});

describe('a supervisor whose parent is killed with SIGKILL (npm, a shell)', () => {
  let supervisor: Supervisor;

  afterEach(async () => {
    await supervisor?.cleanUp();
  });

  it('notices, stops every service and exits itself within two seconds', async () => {
    supervisor = await startSupervisor({}, 'shell');
    await supervisor.ready();
    const supervisorPid = supervisor.pid();
    const processes = [supervisorPid, ...childPids(supervisorPid)];

    const killedAt = Date.now();
    supervisor.process.kill('SIGKILL');
    const goneAfterMs = await waitUntilGone(processes, killedAt);
    console.log(`the supervisor and its children exited ${goneAfterMs} ms after its parent's SIGKILL`);

    expect(processes.filter(isRunning)).toEqual([]);
    expect(goneAfterMs).toBeLessThan(GONE_WITHIN_MS);
    await expectPortsFree(supervisor.ports);
  }, 90_000);
});

/** Waits (a little past the promise, to report the real time) and returns ms since `since`. */
async function waitUntilGone(pids: number[], since: number): Promise<number> {
  while (pids.some(isRunning) && Date.now() - since < GONE_WITHIN_MS + 3_000) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - since;
}

async function expectPortsFree(ports: Record<string, number>): Promise<void> {
  for (const [service, port] of Object.entries(ports)) {
    expect({ service, port, free: await isPortFree(port) }).toEqual({ service, port, free: true });
  }
}

/**
 * A port the stack cannot use is reported at once, naming the service and the port, instead of a
 * minute of "not ready": one already taken (found by the stack before it starts anything, or by the
 * service itself when it is taken in between), and one that browsers and fetch refuse.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from '@platform/env';
import { freePort } from '@platform/ports';
import { smallStackEnv, startSupervisor, type Supervisor } from '@testing/supervisor';

/** Something else listening on a free port, as a stack already running would. */
async function takenPort(): Promise<{ port: number; release(): void }> {
  const port = await freePort();
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
  return { port, release: () => squatter.close() };
}

describe('starting the stack on a port it cannot use', () => {
  let supervisor: Supervisor;

  afterEach(async () => {
    await supervisor?.cleanUp();
  });

  it('exits non-zero within seconds, naming the service and the port, when a port is already taken', async () => {
    const taken = await takenPort();
    try {
      supervisor = await startSupervisor({ CATALOG_PORT: String(taken.port) });
      const started = Date.now();
      const code = await supervisor.exited();
      const elapsedMs = Date.now() - started;
      console.log(`a taken port was reported ${elapsedMs} ms after the supervisor started`);

      expect(code).toBe(1);
      expect(supervisor.output()).toContain(`catalog cannot listen on port ${taken.port}: already in use`);
      expect(supervisor.output()).not.toMatch(/listening/);
      expect(elapsedMs).toBeLessThan(10_000);
    } finally {
      taken.release();
    }
  }, 30_000);

  it('refuses a port that browsers and fetch block before starting anything, naming the service and the port', async () => {
    supervisor = await startSupervisor({ CATALOG_PORT: '6000' });
    const started = Date.now();
    const code = await supervisor.exited();

    expect(code).toBe(1);
    expect(supervisor.output()).toMatch(
      /catalog cannot listen on port 6000 \(CATALOG_PORT\): browsers and fetch refuse/,
    );
    expect(supervisor.output()).not.toMatch(/listening/);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 30_000);
});

describe('a service whose port is taken once the stack has checked it', () => {
  it('exits non-zero, naming itself and the port, instead of waiting', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'port-taken-'));
    const taken = await takenPort();
    try {
      const env = { ...(await smallStackEnv(dir)), CATALOG_PORT: String(taken.port) };
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(REPOSITORY_ROOT, 'subgraphs/catalog/src/index.ts')],
        { cwd: REPOSITORY_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      const code = await new Promise((resolve) => child.once('exit', resolve));

      expect(code).toBe(1);
      expect(output).toMatch(/catalog failed to start/);
      expect(output).toContain(`cannot listen on port ${taken.port}: already in use`);
    } finally {
      taken.release();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

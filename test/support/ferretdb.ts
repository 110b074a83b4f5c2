/**
 * A FerretDB process of a test's own, so the test can take the database away and bring it back: the
 * same binary and backends as `.ci/run` (PostgreSQL when it answers, else SQLite in a temporary
 * directory), on a free port. Stopping keeps the data; starting again serves it on the same port.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openMongoStore } from '@platform/mongo/client';
import { freePort } from '@platform/ports';
import { stopProcess } from '@platform/stack';

export interface FerretDb {
  /** `mongodb://127.0.0.1:<port>/`: name a database with `withDatabase`. */
  readonly uri: string;
  /** Starts the process (again) on the same port and backend; resolves once it answers a ping. */
  start(): Promise<void>;
  /** Kills the process at once (SIGKILL), as a crash would; the data stays in the backend. */
  kill(): Promise<void>;
  /** Stops the process and removes the backend's data. */
  dispose(): Promise<void>;
}

const POSTGRES_URL = process.env.CI_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432';

function postgresAnswers(): boolean {
  try {
    execFileSync('psql', [`${POSTGRES_URL}/postgres`, '-qc', 'select 1'], {
      stdio: 'ignore',
      timeout: 5_000,
    });
    return true;
  } catch {
    return false;
  }
}

export async function createFerretDb(binary: string): Promise<FerretDb> {
  const stateDir = mkdtempSync(path.join(tmpdir(), 'ferretdb-'));
  const port = await freePort();
  let backend: string[];
  let database: string | null = null;
  if (postgresAnswers()) {
    database = `ferretdb_test_${process.pid}_${Date.now()}`;
    execFileSync('psql', [`${POSTGRES_URL}/postgres`, '-qc', `create database ${database}`], {
      stdio: 'ignore',
    });
    backend = ['--handler=postgresql', `--postgresql-url=${POSTGRES_URL}/${database}`];
  } else {
    mkdirSync(path.join(stateDir, 'sqlite'));
    backend = ['--handler=sqlite', `--sqlite-url=file:${path.join(stateDir, 'sqlite')}/`];
  }
  const uri = `mongodb://127.0.0.1:${port}/`;
  let child: ChildProcess | null = null;

  async function start(): Promise<void> {
    if (child && child.exitCode === null) return;
    child = spawn(
      binary,
      [
        ...backend,
        `--listen-addr=127.0.0.1:${port}`,
        '--debug-addr=127.0.0.1:0',
        `--state-dir=${stateDir}`,
        '--telemetry=disable',
        '--log-level=error',
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`FerretDB exited with code ${child.exitCode}`);
      const store = openMongoStore(uri, { timeoutMs: 500 });
      try {
        await store.db.command({ ping: 1 });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        await store.close();
      }
    }
    throw new Error('FerretDB did not answer a ping within 30 s');
  }

  async function kill(): Promise<void> {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  }

  await start();
  return {
    uri,
    start,
    kill,
    async dispose() {
      if (child) await stopProcess(child);
      child = null;
      if (database) {
        try {
          execFileSync('psql', [`${POSTGRES_URL}/postgres`, '-qc', `drop database if exists ${database}`], {
            stdio: 'ignore',
          });
        } catch {
          // Left behind: the next CI machine is fresh anyway.
        }
      }
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

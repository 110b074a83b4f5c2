/**
 * The image, as far as this machine allows: it has no Docker daemon and reaches no image registry
 * (docs/deploy.md), so the image itself is not built here. Instead, what the Dockerfile's last stage
 * holds is put together in an empty folder as its `COPY` lines say (the sources as `.dockerignore`
 * lets them into the build, the bundles the build stage makes), with the dependencies the build stage
 * leaves (`npm ci --omit=dev`, no install scripts), and every service is started through the image's
 * own entrypoint from there. It must answer a `play`, stop cleanly, and write nothing into the copy.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import { REPOSITORY_ROOT } from '@platform/env';
import { issueDevelopmentToken } from '@platform/identity';
import { loadSigningKey, type SigningKey } from '@platform/keys/keyring';
import { buildServiceBundles } from '@platform/serviceBundles';
import { isolatedStackEnv, startStack, type RunningStack, type StackService } from '@platform/stack';
import { PlayDocument } from '../../../clients/__generated__/operations';

/** The build stage's output the runtime stage copies, by the Dockerfile's `COPY --from=build` lines. */
function imagePaths(): string[] {
  const dockerfile = readFileSync(path.join(REPOSITORY_ROOT, 'Dockerfile'), 'utf8');
  return dockerfile
    .split('\n')
    .filter((line) => line.startsWith('COPY --from=build '))
    .flatMap((line) => line.split(/\s+/).slice(2, -1))
    .map((source) => path.relative('/app', source));
}

/** `.dockerignore`'s patterns as a test on repository-relative paths (the forms it uses: `dir/`, `**\/*.ext`). */
function ignoredByDockerignore(): (relative: string) => boolean {
  const patterns = readFileSync(path.join(REPOSITORY_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return (relative) =>
    patterns.some((pattern) =>
      pattern.startsWith('**/')
        ? relative.endsWith(pattern.slice(pattern.lastIndexOf('*') + 1))
        : pattern.endsWith('/')
          ? `${relative}/`.startsWith(pattern)
          : relative === pattern,
    );
}

/** Bundles the build stage makes (`npm run prepare`) inside folders `.dockerignore` keeps out of the context. */
const BUILT_IN_THE_IMAGE = ['gateway/src/explorer/built', 'gateway/src/player/built', 'dist'];

function filesUnder(root: string, skip: (relative: string) => boolean = () => false): Map<string, number> {
  const files = new Map<string, number>();
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (skip(child)) continue;
      if (entry.isDirectory()) walk(child);
      else files.set(child, statSync(path.join(root, child)).mtimeMs);
    }
  };
  walk('');
  return files;
}

describe('the image, from a copy of what it holds', () => {
  let scratch: string;
  let image: string;
  let before: Map<string, number>;
  let stack: RunningStack;
  let identityKey: SigningKey;
  let stopped = false;
  const logs: string[] = [];

  beforeAll(async () => {
    // As the build stage does (`npm run prepare`): the services compiled from the sources as they are.
    await buildServiceBundles();
    scratch = mkdtempSync(path.join(tmpdir(), 'image-'));
    image = path.join(scratch, 'app');
    const ignored = ignoredByDockerignore();
    for (const source of imagePaths().filter((source) => source !== 'node_modules')) {
      cpSync(path.join(REPOSITORY_ROOT, source), path.join(image, source), {
        recursive: true,
        filter: (from) => {
          const relative = path.relative(REPOSITORY_ROOT, from);
          return BUILT_IN_THE_IMAGE.some((built) => relative.startsWith(built)) || !ignored(relative);
        },
      });
    }
    // The build stage's dependencies, without development ones; the lockfile is not in the image.
    cpSync(path.join(REPOSITORY_ROOT, 'package-lock.json'), path.join(image, 'package-lock.json'));
    cpSync(path.join(REPOSITORY_ROOT, '.npmrc'), path.join(image, '.npmrc'));
    execFileSync(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
      {
        cwd: image,
        stdio: 'ignore',
      },
    );
    rmSync(path.join(image, 'package-lock.json'));
    rmSync(path.join(image, '.npmrc'));
    before = filesUnder(image);

    // A container's memory limit as cgroup v2 shows it (the chart's 512 MiB), for the entrypoint to size
    // the heap by.
    mkdirSync(path.join(scratch, 'cgroup'));
    writeFileSync(path.join(scratch, 'cgroup', 'memory.max'), `${512 * 1024 * 1024}\n`);
    const keysDir = path.join(scratch, 'keys');
    const env = await isolatedStackEnv(
      {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        // Where the chart mounts or points them: the image holds code only.
        JOURNAL_DIR: path.join(scratch, 'journal'),
        FIELD_USAGE_STORE: path.join(scratch, 'usage'),
        DECISION_STORE: path.join(scratch, 'decisions'),
        CGROUP_DIR: path.join(scratch, 'cgroup'),
      },
      keysDir,
    );
    // The demo dataset the image holds, and its embedded store.
    delete env.DATASET;
    delete env.MONGODB_URI;
    // The entrypoint's own heap setting is asserted below; one of the test runner's would replace it.
    delete env.NODE_OPTIONS;
    stack = await startStack({
      env,
      onLine: (service, line) => logs.push(`[${service}] ${line}`),
      command: (service: StackService) => ({
        command: path.join(image, 'deploy/image/entrypoint.sh'),
        args: [service.entry.split('/')[service.entry.startsWith('subgraphs/') ? 1 : 0]!],
        cwd: image,
      }),
    });
    identityKey = await loadSigningKey('identity', { kind: 'development', dir: keysDir });
  }, 240_000);

  afterAll(async () => {
    if (!stopped) await stack?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('holds no test, no development key and no development dependency', () => {
    const files = [...before.keys()];
    const own = files.filter((file) => !file.startsWith('node_modules/'));
    expect(own.filter((file) => file.endsWith('.test.ts') || /(^|\/)\.(keys|journal)\//.test(file))).toEqual(
      [],
    );
    expect(files.some((file) => file.startsWith('node_modules/jest/'))).toBe(false);
    expect(files.some((file) => file.startsWith('node_modules/tsx/'))).toBe(true);
  });

  it('runs every service through its entrypoint, and the gateway answers a play with a manifest', async () => {
    const token = await issueDevelopmentToken(identityKey, 'u-premium');
    const response = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-country': 'US' },
      body: JSON.stringify({
        query: print(PlayDocument),
        variables: JSON.parse(
          readFileSync(path.join(REPOSITORY_ROOT, 'clients/operations/Play.variables.json'), 'utf8'),
        ),
      }),
    });
    const body = (await response.json()) as {
      data: { play: { decision: { allowed: boolean }; manifest: unknown } };
    };
    expect({ status: response.status, logs: response.status === 200 ? [] : logs }).toEqual({
      status: 200,
      logs: [],
    });
    expect(body.data.play.decision.allowed).toBe(true);
    expect(body.data.play.manifest).not.toBeNull();
  });

  it('runs each service from its bundle, its heap sized by the container memory limit', () => {
    for (const child of Object.values(stack.processes)) {
      const command = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
      expect(command.slice(1, 2)).toEqual([expect.stringMatching(/^dist\/[a-z-]+\.js$/)]);
      const environment = readFileSync(`/proc/${child.pid}/environ`, 'utf8').split('\0');
      expect(environment).toContain('NODE_OPTIONS=--max-old-space-size=256');
    }
  });

  it('refuses a service it does not have, with its usage', () => {
    const run = () =>
      execFileSync(path.join(image, 'deploy/image/entrypoint.sh'), ['no-such'], {
        cwd: image,
        stdio: 'pipe',
      });
    expect(run).toThrow(/usage: <gateway \| edge \| catalog/);
  });

  it('stops cleanly, having written nothing into what the image holds', async () => {
    await stack.stop();
    stopped = true;
    const after = filesUnder(image);
    const changed = [...after].filter(([file, mtime]) => before.get(file) !== mtime).map(([file]) => file);
    expect(changed).toEqual([]);
  });
});

/**
 * Which outside servers the test run can use, decided once by jest.config.js before any test file
 * loads. CI provides every one of them; a developer without one gets a plain list of what was not
 * run and why, instead of skipped tests. Tests read the result through `test/support/servers.ts`.
 */
const { spawnSync } = require('node:child_process');
const { accessSync, constants, existsSync, statSync } = require('node:fs');
const { homedir } = require('node:os');
const path = require('node:path');

/** Whether something answers PING at 127.0.0.1:6379 (asked in a child: jest config is synchronous). */
function redisAnswers() {
  const ping = `
    const socket = require('node:net').connect(6379, '127.0.0.1', () => socket.write('PING\\r\\n'));
    socket.on('data', (data) => process.exit(String(data).startsWith('+PONG') ? 0 : 1));
    socket.on('error', () => process.exit(1));
    setTimeout(() => process.exit(1), 1000);`;
  return spawnSync(process.execPath, ['-e', ping], { timeout: 2_000 }).status === 0;
}

/**
 * A binary `.ci/run` builds from the Go module proxy: `variable` when set (.ci/run sets it), else where
 * .ci/run caches it (`cached`, under streaming-ci/); one that is there and executable, or null.
 */
function ciBinary(variable, cached) {
  const inCache = path.join(
    process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'),
    'streaming-ci',
    cached,
  );
  return (
    [process.env[variable], inCache].find((candidate) => candidate && isExecutableFile(candidate)) ?? null
  );
}

function isExecutableFile(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * MANIFEST_CHECK_BIN (set by .ci/run): the strict Kubernetes manifest checker of deploy/check/, built
 * by .ci/run from its sources (cached by their hash, so a stale build is never found by guessing).
 */
function manifestCheckBinary() {
  const candidate = process.env.MANIFEST_CHECK_BIN;
  return candidate && isExecutableFile(candidate) ? candidate : null;
}

/** CHROMIUM_PATH, else Debian's package (`.ci/run` installs it), for the explorer's browser test. */
function chromiumBinary() {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return existsSync(candidate) ? candidate : null;
}

/** Whether strace runs here: the outbound-connections suite watches the stack with it. */
function straceRuns() {
  return spawnSync('strace', ['-V'], { timeout: 2_000 }).status === 0;
}

/**
 * Why the multi-host topology (lib/platform/hosts/) cannot run here, or null when it can: it needs
 * root, network namespaces that this kernel lets us create, socat, redis-server and FerretDB.
 */
function whyNoNamespaces(ferretDb) {
  if (process.getuid?.() !== 0) return 'network namespaces need root (CI runs as root)';
  const PATH = [process.env.PATH, '/usr/sbin', '/sbin'].join(':');
  const probe = `st-probe-${process.pid}`;
  const added = spawnSync('ip', ['netns', 'add', probe], { env: { ...process.env, PATH }, timeout: 5_000 });
  if (added.status !== 0) {
    return `\`ip netns add\` is not permitted here: ${String(added.stderr || added.error).trim()}`;
  }
  spawnSync('ip', ['netns', 'del', probe], { env: { ...process.env, PATH }, timeout: 5_000 });
  const missing = ['socat', 'redis-server'].filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { env: { ...process.env, PATH } }).status !== 0,
  );
  if (missing.length > 0)
    return `no ${missing.join(' or ')} on the PATH (\`apt-get install ${missing.join(' ')}\`)`;
  return ferretDb ? null : "no FerretDB binary for the topology's MongoDB host (`.ci/run` builds it)";
}

/** @returns {{ unavailable: Record<'mongodb' | 'redis' | 'ferretdb' | 'jaeger' | 'chromium' | 'strace' | 'helm' | 'namespaces', string | null>, ferretDbBinary: string | null, jaegerBinary: string | null, chromiumBinary: string | null, helmBinary: string | null, manifestCheckBinary: string | null }} */
function testServers() {
  const binary = ciBinary('FERRETDB_BIN', 'ferretdb-v1.24.2/ferretdb');
  const helm = ciBinary('HELM_BIN', 'helm-v4.3.2/helm');
  const manifestCheck = manifestCheckBinary();
  const jaeger = ciBinary('JAEGER_BIN', 'jaeger-v1.75.0/jaeger');
  const chromium = chromiumBinary();
  return {
    unavailable: {
      mongodb: process.env.MONGODB_URI
        ? null
        : 'MONGODB_URI is not set (`.ci/run` starts FerretDB and sets it; or point it at any MongoDB, docs/mongodb.md)',
      redis: redisAnswers() ? null : 'no Redis answers at 127.0.0.1:6379',
      ferretdb: binary
        ? null
        : 'no FerretDB binary: set FERRETDB_BIN or run `.ci/run` once to build and cache it',
      jaeger: jaeger ? null : 'no Jaeger binary: set JAEGER_BIN or run `.ci/run` once to build and cache it',
      // In CI the suite runs anyway, and fails saying Chromium is missing.
      chromium:
        chromium || process.env.CI === 'true'
          ? null
          : 'no Chromium at /usr/bin/chromium (`apt-get install chromium`, or set CHROMIUM_PATH)',
      helm: !helm
        ? 'no helm binary: set HELM_BIN or run `.ci/run` once to build and cache it'
        : !manifestCheck
          ? 'no manifest checker: set MANIFEST_CHECK_BIN (`.ci/run` builds deploy/check/ and sets it)'
          : null,
      // In CI too the suite runs anyway, and fails saying strace is missing.
      strace:
        straceRuns() || process.env.CI === 'true' ? null : 'no strace on the PATH (`apt-get install strace`)',
      namespaces: whyNoNamespaces(binary),
    },
    ferretDbBinary: binary,
    jaegerBinary: jaeger,
    chromiumBinary: chromium,
    helmBinary: helm,
    manifestCheckBinary: manifestCheck,
  };
}

module.exports = { testServers };

/**
 * The promise to product teams (docs/product-teams.md): `npm run subgraph:new -- <name>` gives a
 * subgraph that composes, generates, type-checks, lints and runs with the others, and whose field
 * answers through the gateway, with no other edit. Done in a temporary copy of the repository, as a
 * new team would in a fresh clone; the copy shares this repository's node_modules. Then the team
 * changes its SDL and recomposes, and the running gateway serves the change without a restart.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { issueDevelopmentToken } from '@platform/identity';
import { generateDevelopmentKeys } from '@platform/keys/development';
import { loadSigningKey } from '@platform/keys/keyring';
import { REPOSITORY_ROOT } from '@platform/env';
import { discoverSubgraphs } from '@platform/registry';
import { freePort } from '@platform/ports';
import { stopProcess } from '@platform/stack';
import { mainCheckout } from '@testing/gitCheckout';

const NAME = 'recommendations';
/** What the team's second change says of its field: a description only, so its code stays as it is. */
const NEW_DESCRIPTION = 'Titles the recommendations team vouches for, in title id order (at most 100).';

interface Run {
  code: number;
  output: string;
}

/** Runs a script of the copy with Node, as its npm script would. */
function run(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

/** The repository without its dependencies, git data, keys or journals, with node_modules linked. */
function copyRepository(): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'new-subgraph-'));
  const skipped = new Set(['node_modules', '.git', '.keys', '.journal']);
  cpSync(REPOSITORY_ROOT, copy, {
    recursive: true,
    filter: (source) => !skipped.has(path.basename(source)),
  });
  symlinkSync(path.join(REPOSITORY_ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  // A checkout of its own, its `main` what the schema check compares with (the merge base).
  mainCheckout(copy, 'the repository before the new subgraph');
  return copy;
}

/** Every service of the copy's stack on a free port, development keys of its own, the embedded store. */
async function stackEnv(copy: string, keysDir: string): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', KEYS_DIR: keysDir };
  for (const unshared of ['MONGODB_URI', 'REDIS_URL', 'DATASET']) delete env[unshared];
  const taken = new Set<number>();
  for (const entry of discoverSubgraphs(copy)) {
    for (const variable of [entry.env.port, ...entry.env.replicaPorts])
      env[variable] = String(await freePort(taken));
  }
  env.PORT = String(await freePort(taken));
  env.ADMIN_PORT = String(await freePort(taken));
  env.JOURNAL_DIR = path.join(keysDir, '..', 'journal');
  await generateDevelopmentKeys(keysDir);
  return env;
}

/** The description introspection gives for the new subgraph's `Query` field, and the served hash. */
async function servedDescription(gatewayUrl: string, token: string) {
  const [introspection, ready] = await Promise.all([
    fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __type(name: "Query") { fields { name description } } }' }),
    }).then((response) => response.json()),
    fetch(`${gatewayUrl}/health/ready`).then((response) => response.json()),
  ]);
  const type = (introspection as { data?: { __type?: { fields: { name: string; description: string }[] } } })
    .data?.__type;
  return {
    description: type?.fields.find((field) => field.name === `${NAME}NotedTitles`)?.description,
    hash: (ready as { supergraph?: { hash: string } }).supergraph?.hash,
  };
}

/** When the gateway process started (its admin `/metrics`): the same value means it was not restarted. */
async function gatewayStartTime(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const metrics = await (await fetch(`http://127.0.0.1:${env.ADMIN_PORT}/metrics`)).text();
  return metrics.split('\n').find((line) => line.startsWith('process_start_time_seconds '));
}

/** Resolves once the gateway reports `subgraph` ready: optional subgraphs do not hold up its readiness. */
async function waitForSubgraph(gatewayUrl: string, subgraph: string, stack: ChildProcess, log: string[]) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (stack.exitCode !== null) throw new Error(`npm start exited:\n${log.join('')}`);
    try {
      const response = await fetch(`${gatewayUrl}/health/ready`, { signal: AbortSignal.timeout(1_000) });
      const body = (await response.json()) as { subgraphs?: Record<string, boolean> };
      if (response.ok && body.subgraphs?.[subgraph] === true) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${subgraph} was not ready through the gateway within 90 s:\n${log.join('')}`);
}

/** `npm start` in the copy, as a developer runs it there, with its output kept for failure messages. */
async function startIn(copy: string, keysDir: string) {
  const env = await stackEnv(copy, keysDir);
  const log: string[] = [];
  const stack = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: copy,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stack.stdout!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  stack.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  return { env, stack, log, gatewayUrl: `http://127.0.0.1:${env.PORT}` };
}

describe(`a subgraph made with npm run subgraph:new -- ${NAME}`, () => {
  let copy: string;
  let scratch: string;
  let scaffold: Run;
  let schemaCheck: Run;

  beforeAll(async () => {
    copy = copyRepository();
    scratch = mkdtempSync(path.join(tmpdir(), 'new-subgraph-run-'));
    scaffold = await run(copy, ['--import', 'tsx', 'scripts/subgraph-new.ts', NAME]);
    schemaCheck = await run(copy, ['--import', 'tsx', 'scripts/schema-check.ts']);
  }, 60_000);

  afterAll(() => {
    rmSync(copy, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('is scaffolded in the registry, off the play path, on the port after the existing ones', () => {
    expect(scaffold).toMatchObject({ code: 0 });
    const entry = discoverSubgraphs(copy).find((candidate) => candidate.name === NAME);
    const others = discoverSubgraphs(REPOSITORY_ROOT).flatMap((other) => [other.port, ...other.replicaPorts]);
    expect(entry).toMatchObject({ playPath: false, replicaPorts: [], port: Math.max(...others) + 1 });
  });

  it('refuses a second subgraph of the same name, and a name that is not lower case, writing nothing', async () => {
    const [again, upper] = await Promise.all([
      run(copy, ['--import', 'tsx', 'scripts/subgraph-new.ts', NAME]),
      run(copy, ['--import', 'tsx', 'scripts/subgraph-new.ts', 'Recommendations']),
    ]);

    expect(again).toEqual({
      code: 1,
      output: `subgraphs/${NAME} already exists: choose another name, or edit it\n`,
    });
    expect(upper.code).toBe(1);
    expect(existsSync(path.join(copy, 'subgraphs/Recommendations'))).toBe(false);
    expect(upper.output).toMatch(/^"Recommendations" is not a subgraph name: lower-case/);
  });

  it('adds only safe changes to the public API, each owned by the new subgraph', () => {
    expect(schemaCheck.code).toBe(0);
    expect(schemaCheck.output).toContain(
      `SAFE      Query.${NAME}NotedTitles (${NAME}): Field '${NAME}NotedTitles' was added to object type 'Query'`,
    );
    expect(schemaCheck.output).toContain(
      `SAFE      Title.${NAME}Note (${NAME}): Field '${NAME}Note' was added to object type 'Title'`,
    );
    expect(schemaCheck.output).not.toMatch(/^(BREAKING|DANGEROUS)/m);
  });

  describe('with no other edit', () => {
    let compose: Run;
    let codegen: Run;

    beforeAll(async () => {
      compose = await run(copy, ['--import', 'tsx', 'scripts/compose.ts']);
      codegen = await run(copy, ['node_modules/@graphql-codegen/cli/esm/bin.js', '--config', 'codegen.ts']);
    }, 120_000);

    it('composes and generates its typed resolvers', () => {
      expect(compose).toMatchObject({ code: 0 });
      expect(compose.output).toContain('wrote');
      expect(codegen).toMatchObject({ code: 0 });
    });

    it('type-checks and lints, its folders layered like every other subgraph', async () => {
      // Only the new subgraph and what it imports: the rest of the repository has its own checks.
      writeFileSync(
        path.join(copy, 'tsconfig.new-subgraph.json'),
        JSON.stringify({ extends: './tsconfig.json', include: [`subgraphs/${NAME}`] }),
      );
      const [tsc, eslint, layers] = await Promise.all([
        run(copy, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.new-subgraph.json']),
        run(copy, ['node_modules/eslint/bin/eslint.js', `subgraphs/${NAME}`]),
        run(copy, ['--import', 'tsx', 'scripts/lint-layers.ts']),
      ]);

      expect(tsc).toEqual({ code: 0, output: '' });
      expect(eslint).toEqual({ code: 0, output: '' });
      expect(layers).toMatchObject({ code: 0 });
    }, 120_000);

    it('runs with npm start, its field answers through the gateway, and a recomposed SDL is served without restarting the gateway', async () => {
      const keysDir = path.join(scratch, 'keys');
      const { env, stack, log, gatewayUrl } = await startIn(copy, keysDir);
      try {
        await waitForSubgraph(gatewayUrl, NAME, stack, log);
        const token = await issueDevelopmentToken(
          await loadSigningKey('identity', { kind: 'development', dir: keysDir }),
          'u-premium',
        );

        const response = await fetch(`${gatewayUrl}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'x-country': 'US',
          },
          body: JSON.stringify({
            query: `{ title(id: "t-basic-drama") { id ${NAME}Note } ${NAME}NotedTitles { id name } }`,
          }),
        });

        expect(response.status).toBe(200);
        const body = (await response.json()) as { data?: unknown; errors?: unknown; extensions?: unknown };
        expect(body).toEqual({
          data: {
            title: {
              id: 't-basic-drama',
              [`${NAME}Note`]: 'A slow start that pays off; recommend after two dramas in a row.',
            },
            [`${NAME}NotedTitles`]: [
              { id: 't-basic-drama', name: 'The Lighthouse Keepers' },
              { id: 't-kids-cartoon', name: 'Pip and the Paper Boats' },
            ],
          },
        });

        // The team changes a description and recomposes; the gateway, running since, is not restarted.
        // (A description needs no code: the subgraph process keeps running as it is.)
        const gatewayStarted = await gatewayStartTime(env);
        const before = await servedDescription(gatewayUrl, token);
        const sdlPath = path.join(copy, 'subgraphs', NAME, 'schema.graphql');
        const sdl = readFileSync(sdlPath, 'utf8');
        const description = /"""\n {2}Titles the [^"]*"""\n {2}(?=recommendationsNotedTitles)/;
        expect(sdl).toMatch(description);
        writeFileSync(sdlPath, sdl.replace(description, `"""\n  ${NEW_DESCRIPTION}\n  """\n  `));
        expect(await run(copy, ['--import', 'tsx', 'scripts/compose.ts'])).toMatchObject({ code: 0 });
        const composed = Date.now();
        let after = await servedDescription(gatewayUrl, token);
        while (after.description !== NEW_DESCRIPTION && Date.now() - composed < 5_000) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          after = await servedDescription(gatewayUrl, token);
        }
        expect(after.description).toBe(NEW_DESCRIPTION);
        expect(after.hash).not.toBe(before.hash);
        expect(gatewayStarted).toMatch(/^process_start_time_seconds \d+/);
        expect(await gatewayStartTime(env)).toBe(gatewayStarted);
      } finally {
        await stopProcess(stack);
      }
    }, 150_000);

    it('stays optional: when it cannot start, npm start still serves the rest of the graph, reports it loudly, and its field falls back', async () => {
      const entry = path.join(copy, 'subgraphs', NAME, 'src/index.ts');
      const code = readFileSync(entry, 'utf8');
      writeFileSync(entry, `throw new Error('${NAME} is broken on purpose');\n${code}`);
      const keysDir = path.join(scratch, 'keys-optional');
      const { stack, log, gatewayUrl } = await startIn(copy, keysDir);
      try {
        await waitForSubgraph(gatewayUrl, 'catalog', stack, log);
        const ready = (await (await fetch(`${gatewayUrl}/health/ready`)).json()) as {
          subgraphs: Record<string, boolean>;
        };
        expect(ready.subgraphs[NAME]).toBe(false);
        expect(log.join('')).toMatch(new RegExp(`${NAME} DIED`));

        const token = await issueDevelopmentToken(
          await loadSigningKey('identity', { kind: 'development', dir: keysDir }),
          'u-premium',
        );
        const response = await fetch(`${gatewayUrl}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'x-country': 'US',
          },
          body: JSON.stringify({ query: `{ title(id: "t-basic-drama") { id name ${NAME}Note } }` }),
        });
        const body = (await response.json()) as {
          data?: { title?: Record<string, unknown> };
          extensions?: { degraded?: { subgraph: string }[] };
        };
        // The catalog's part is fresh; the note, never seen, falls back to its default.
        expect(body.data?.title).toEqual({
          id: 't-basic-drama',
          name: 'The Lighthouse Keepers',
          [`${NAME}Note`]: null,
        });
        expect(body.extensions?.degraded?.map((field) => field.subgraph)).toContain(NAME);
      } finally {
        await stopProcess(stack);
        writeFileSync(entry, code);
      }
    }, 150_000);
  });
});

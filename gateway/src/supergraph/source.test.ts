import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import { SUPERGRAPH_PATH } from '@platform/composition';
import { createLogger } from '@platform/log';
import { subgraphs } from '@platform/registry';
import { composeVariantSupergraph, PROBE_MARKER } from '@testing/supergraphVariant';
import { createMetrics } from '../metrics/gatewayMetrics';
import { FallbackPolicies } from '../fallback/policies';
import { createApolloGateway } from './apolloGateway';
import { supergraphSource } from './origin';
import { supergraphHash } from './source';

const original = readFileSync(SUPERGRAPH_PATH, 'utf8');
const variant = composeVariantSupergraph();
// Every registered subgraph: the gateway refuses a supergraph naming one it has no URL for.
const KNOWN = new Set(subgraphs().map(({ name }) => name));

/** A gateway on a watched temporary supergraph file, as the real one is built (server.ts). */
async function watchedGateway() {
  const dir = mkdtempSync(path.join(tmpdir(), 'supergraph-source-'));
  const file = path.join(dir, 'supergraph.graphql');
  writeFileSync(file, original);
  const metrics = createMetrics();
  const source = supergraphSource(
    { kind: 'file', path: file, pollMs: 60_000 },
    {
      check: (sdl) => void FallbackPolicies.fromSupergraph(sdl),
      logger: createLogger('test', 'silent'),
      onOutcome: (outcome) => metrics.supergraphUpdates.inc({ outcome }),
    },
  );
  const gateway = createApolloGateway({
    supergraphSdl: source.hook,
    validateSupergraph: true,
    buildService: ({ name, url }) => {
      if (!KNOWN.has(name)) throw new Error(`No URL for subgraph ${name}`);
      return new RemoteGraphQLDataSource({ url: url! });
    },
  });
  let schema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => (schema = apiSchema));
  await gateway.load();
  const count = async (outcome: string) =>
    (await metrics.supergraphUpdates.get()).values.find((value) => value.labels.outcome === outcome)?.value ??
    0;
  return {
    file,
    source,
    hasProbe: () =>
      Object.values(schema?.getQueryType()?.getFields() ?? {}).some((field) =>
        field.description?.includes(PROBE_MARKER),
      ),
    count,
    async stop() {
      await gateway.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for the watcher to have applied or refused a change. */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the watched supergraph source', () => {
  let gateway: Awaited<ReturnType<typeof watchedGateway>>;
  beforeEach(async () => (gateway = await watchedGateway()));
  afterEach(() => gateway.stop());

  it('serves the file it started with and reports its hash', () => {
    expect(gateway.source.hash).toBe(supergraphHash(original));
    expect(gateway.hasProbe()).toBe(false);
  });

  it('swaps in a valid changed file when the file changes, and counts it applied', async () => {
    writeFileSync(gateway.file, variant);
    await until(() => gateway.hasProbe());
    expect(gateway.source.hash).toBe(supergraphHash(variant));
    expect(await gateway.count('applied')).toBe(1);
    expect(await gateway.count('refused')).toBe(0);
  });

  it('follows a file replaced by rename, as editors and compose do', async () => {
    const next = `${gateway.file}.tmp`;
    writeFileSync(next, variant);
    renameSync(next, gateway.file);
    await until(() => gateway.hasProbe());
  });

  it.each([
    ['unparseable text', 'this is { not GraphQL'],
    ['a schema that is not a supergraph', 'type Query { hello: String }'],
    [
      'broken composition metadata',
      original.replace(/@join__field\(graph: CATALOG/, '@join__field(graph: NOWHERE'),
    ],
    [
      'a subgraph the URL map does not know',
      original.replaceAll('CATALOG', 'MYSTERY').replaceAll('"catalog"', '"mystery"'),
    ],
    [
      'an invalid fallback policy',
      variant.replace('@fallback(policy: "STALE"', '@fallback(policy: "SOMETIMES"'),
    ],
  ])('refuses %s, counts it refused, and keeps serving the old supergraph', async (_name, sdl) => {
    writeFileSync(gateway.file, sdl);
    await until(async () => (await gateway.count('refused')) === 1);
    expect(gateway.source.hash).toBe(supergraphHash(original));
    expect(await gateway.count('applied')).toBe(0);
    // The old one still applies a good change after the refusal.
    writeFileSync(gateway.file, variant);
    await until(() => gateway.hasProbe());
  });

  it('refuses the same bad content once, however many times it is seen', async () => {
    writeFileSync(gateway.file, 'garbage');
    await until(async () => (await gateway.count('refused')) === 1);
    expect(await gateway.source.refresh()).toBe('unchanged');
    expect(await gateway.count('refused')).toBe(1);
  });

  it('keeps serving when the file disappears, and takes it back when it returns', async () => {
    rmSync(gateway.file);
    expect(await gateway.source.refresh()).toBe('unchanged');
    expect(gateway.source.hash).toBe(supergraphHash(original));
    writeFileSync(gateway.file, variant);
    await until(() => gateway.hasProbe());
  });
});

/**
 * The Helm chart (deploy/helm/streaming/), checked offline with helm and the strict manifest checker
 * of deploy/check/ (both built by .ci/run): `helm lint --strict` and `helm template` over a matrix of
 * values, every rendered object decoded strictly into Kubernetes' own types, production refusing to
 * render without what it needs, and the environment the chart gives each service exactly what that
 * service's env schema accepts, so that chart and code cannot drift.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseEnv, REPOSITORY_ROOT } from '@platform/env';
import { mongoEnvShape } from '@platform/mongo/env';
import { subgraphEnvNames, subgraphs } from '@platform/registry';
import { gatewayKeys, port, subgraphEnvShape } from '@platform/subgraph/env';
import { tracingEnvShape } from '@platform/tracing/setup';
import { describeWith, helmTools } from '@testing/servers';
import { envShapeFor, loadGatewayEnv } from '../../gateway/src/env';
import { CHART_DIR, chartService, chartServices, type ChartServices } from '../../scripts/chartFiles';
import { clusterKeys, secretManifests } from '../../scripts/clusterKeys';

const CHART = path.join(REPOSITORY_ROOT, CHART_DIR);
const CI_VALUES = (name: string) => path.join(CHART, 'ci', name);
/** What runs a service: a Deployment, or a StatefulSet for one that keeps a directory (the journal). */
const WORKLOADS = ['Deployment', 'StatefulSet'];

interface Rendered {
  kind: string;
  metadata: { name: string };
  spec?: {
    template?: { spec: { containers: Container[] } };
  };
}

interface Container {
  name: string;
  env: { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[];
}

describeWith(['helm'], 'the Helm chart', () => {
  const tools = helmTools()!;
  const run = (command: string, args: string[], input?: string) =>
    spawnSync(command, args, { encoding: 'utf8', input, timeout: 60_000 });
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'chart-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** A copy of the chart with one more subgraph, as `npm run subgraph:new reviews` then `npm run chart` give it. */
  function chartWithScaffoldedSubgraph(): string {
    const copy = path.join(scratch, 'with-reviews');
    cpSync(CHART, copy, { recursive: true });
    const servicesFile = path.join(copy, 'files/services.json');
    const services = JSON.parse(readFileSync(servicesFile, 'utf8')) as ChartServices;
    const names = subgraphEnvNames('reviews', 1);
    // The shape of lib/platform/scaffold/templates/src/env.ts.tmpl.
    const shape = {
      ...subgraphEnvShape,
      ...mongoEnvShape,
      [names.port]: port(4010),
      REVIEWS_GATEWAY_JWKS: gatewayKeys,
    };
    services.subgraphs.push({
      ...chartService('reviews', 4010, names.port, shape),
      urlVar: names.url,
      playPath: false,
    });
    writeFileSync(servicesFile, JSON.stringify(services));
    return copy;
  }

  const matrix: [string, () => { chart: string; values: string[] }][] = [
    ['defaults', () => ({ chart: CHART, values: [] })],
    ['production', () => ({ chart: CHART, values: [CI_VALUES('production-values.yaml')] })],
    ['one replica', () => ({ chart: CHART, values: [CI_VALUES('one-replica-values.yaml')] })],
    ['a scaffolded subgraph added', () => ({ chart: chartWithScaffoldedSubgraph(), values: [] })],
  ];

  function template(chart: string, values: string[], extra: string[] = []) {
    return run(tools.helm, ['template', 'rel', chart, ...values.flatMap((file) => ['-f', file]), ...extra]);
  }

  function objects(yaml: string): Rendered[] {
    return parseAllDocuments(yaml)
      .map((document) => document.toJS() as Rendered | null)
      .filter((object): object is Rendered => object !== null);
  }

  it.each(matrix)('passes `helm lint --strict` with %s', (_case, setup) => {
    const { chart, values } = setup();
    const lint = run(tools.helm, ['lint', '--strict', chart, ...values.flatMap((file) => ['-f', file])]);
    expect({ status: lint.status, output: lint.status === 0 ? '' : lint.stdout + lint.stderr }).toEqual({
      status: 0,
      output: '',
    });
  });

  it.each(matrix)('renders %s into objects Kubernetes decodes strictly', (_case, setup) => {
    const { chart, values } = setup();
    const rendered = template(chart, values);
    expect(rendered.stderr).toBe('');
    expect(rendered.status).toBe(0);
    const checked = run(tools.check, [], rendered.stdout);
    expect({ status: checked.status, problems: checked.stderr }).toEqual({ status: 0, problems: '' });
    const services = JSON.parse(
      readFileSync(path.join(chart, 'files/services.json'), 'utf8'),
    ) as ChartServices;
    const workloads = objects(rendered.stdout).filter((object) => WORKLOADS.includes(object.kind));
    expect(workloads.map((object) => object.metadata.name).sort()).toEqual(
      ['gateway', ...services.subgraphs.map((entry) => entry.name)].map((name) => `rel-${name}`).sort(),
    );
  });

  it('has a checker that refuses a rendered object Kubernetes would refuse', () => {
    const rendered = template(CHART, []);
    const broken = rendered.stdout.replace(/^spec:\n {2}selector:/m, 'spec:\n  replica: 2\n  selector:');
    expect(broken).not.toBe(rendered.stdout);

    const checked = run(tools.check, [], broken);

    expect(checked.status).toBe(1);
    expect(checked.stderr).toMatch(/Deployment\/rel-\w+.*replica/);
  });

  it('runs a service that journals as a StatefulSet, its journal on a volume of its own per pod', () => {
    const playback = objects(template(CHART, []).stdout).find(
      (object) => object.metadata.name === 'rel-playback' && WORKLOADS.includes(object.kind),
    ) as unknown as { kind: string; spec: { volumeClaimTemplates: { metadata: { name: string } }[] } };

    expect(playback.kind).toBe('StatefulSet');
    expect(playback.spec.volumeClaimTemplates.map((claim) => claim.metadata.name)).toEqual(['journal-dir']);
  });

  it('takes the Secrets `npm run cluster-keys` prints as Kubernetes does', async () => {
    const secrets = secretManifests(await clusterKeys(await chartServices(), '2026-12', 'rel'));

    const checked = run(tools.check, [], secrets);

    expect({ status: checked.status, problems: checked.stderr }).toEqual({ status: 0, problems: '' });
    const count = 1 + subgraphs().length;
    expect(checked.stdout).toContain(`ok: ${count} objects (Secret: ${count})`);
  });

  it('refuses to render production without the identity provider, naming the value', () => {
    const refused = template(CHART, [], ['--set', 'production=true']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/production: set identity\.issuer/);
  });

  it('refuses to render production without a key Secret named for each service', () => {
    const refused = template(
      CHART,
      [CI_VALUES('production-values.yaml')],
      ['--set', 'keys.secrets.playback='],
    );
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/keys\.secrets\.playback \(never development keys\)/);
  });

  it('refuses a production ingress without TLS', () => {
    const refused = template(CHART, [CI_VALUES('production-values.yaml')], ['--set', 'ingress.tlsSecret=']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/the ingress needs TLS: set ingress\.tlsSecret/);
  });

  it.each([
    [
      'a variable the service does not read',
      'services.catalog.env.CATALOG_CACHE_SIZE=5',
      /does not read this variable/,
    ],
    ['a key in values', 'services.gateway.env.MANIFEST_PRIVATE_JWKS=x', /never from values/],
    [
      "one service's own field usage store",
      'services.usage.env.FIELD_USAGE_STORE=redis://elsewhere:6379',
      /set fieldUsageStore instead/,
    ],
    [
      "one service's own decision store",
      'services.gateway.env.DECISION_STORE=mongodb://elsewhere:27017/x',
      /set decisionStore instead/,
    ],
  ])('refuses %s', (_case, setting, message) => {
    const refused = template(CHART, [], ['--set', setting]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(message);
  });

  it.each([
    ['FIELD_USAGE_STORE', 'the chart has neither Redis nor MongoDB', [], [], 'off'],
    [
      'FIELD_USAGE_STORE',
      'production (its Redis)',
      [CI_VALUES('production-values.yaml')],
      [],
      'redis://redis.streaming.svc:6379',
    ],
    [
      'FIELD_USAGE_STORE',
      'only MongoDB',
      [],
      ['mongodbUri=mongodb://mongo:27017/streaming'],
      'mongodb://mongo:27017/streaming',
    ],
    [
      'FIELD_USAGE_STORE',
      'fieldUsageStore is set',
      [],
      ['redisUrl=redis://redis:6379', 'fieldUsageStore=off'],
      'off',
    ],
    ['DECISION_STORE', 'the chart has neither Redis nor MongoDB', [], [], 'off'],
    // Decisions are records to query, not counters: Redis is not one of their stores.
    ['DECISION_STORE', 'only Redis', [], ['redisUrl=redis://redis:6379'], 'off'],
    [
      'DECISION_STORE',
      'production (its MongoDB)',
      [CI_VALUES('production-values.yaml')],
      [],
      'mongodb://mongo.streaming.svc:27017/streaming',
    ],
    [
      'DECISION_STORE',
      'decisionStore is set',
      [],
      ['mongodbUri=mongodb://mongo:27017/streaming', 'decisionStore=off'],
      'off',
    ],
  ])(
    'gives every service that reads %s the same one when %s',
    (variableName, _case, values, settings, expected) => {
      const rendered = template(
        CHART,
        values,
        settings.flatMap((setting) => ['--set', setting]),
      );
      expect(rendered.status).toBe(0);
      const stores = objects(rendered.stdout)
        .filter((object) => WORKLOADS.includes(object.kind))
        .map((object) => object.spec!.template!.spec.containers[0]!)
        .flatMap((container) =>
          container.env
            .filter((variable) => variable.name === variableName)
            .map((variable) => [container.name, variable.value]),
        );
      // The usage subgraph answers from what the gateway writes; a directory in a pod is never shared.
      expect(stores.map(([name]) => name)).toEqual(expect.arrayContaining(['gateway', 'usage']));
      expect(stores).toEqual(stores.map(([name]) => [name, expected]));
    },
  );

  it('gives each service, in production, exactly variables its env schema reads, which it accepts', async () => {
    const rendered = template(CHART, [CI_VALUES('production-values.yaml')]);
    expect(rendered.status).toBe(0);
    const containers = objects(rendered.stdout)
      .filter((object) => WORKLOADS.includes(object.kind))
      .map((object) => object.spec!.template!.spec.containers[0]!);
    const tracing = Object.keys(tracingEnvShape.shape);
    for (const container of containers) {
      // Keys come from the Secret; any string stands for one here (the service checks them at start).
      const env = Object.fromEntries(
        container.env.map((variable) => [
          variable.name,
          variable.value ?? `secret:${variable.valueFrom!.secretKeyRef.key}`,
        ]),
      );
      expect(
        container.env
          .filter((variable) => variable.valueFrom)
          .every((variable) => variable.name.endsWith('_JWKS')),
      ).toBe(true);
      if (container.name === 'gateway') {
        const known = [...Object.keys(envShapeFor(subgraphs())), ...tracing];
        expect(Object.keys(env).filter((name) => !known.includes(name))).toEqual([]);
        expect(() => loadGatewayEnv(env)).not.toThrow();
        continue;
      }
      const entry = subgraphs().find((candidate) => candidate.name === container.name)!;
      const { envShape } = (await import(path.join(entry.dir, 'src/env.ts'))) as { envShape: object };
      const known = [...Object.keys(envShape), ...tracing];
      expect({
        service: container.name,
        unknown: Object.keys(env).filter((name) => !known.includes(name)),
      }).toEqual({
        service: container.name,
        unknown: [],
      });
      expect(() => parseEnv(envShape as Parameters<typeof parseEnv>[0], env)).not.toThrow();
    }
    expect(containers.map((container) => container.name).sort()).toEqual(
      ['gateway', ...subgraphs().map((entry) => entry.name)].sort(),
    );
  });
});

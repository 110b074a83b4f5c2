/**
 * A peer router for `npm run bench -- --peer <binary>`: a WunderGraph Cosmo Router the operator built
 * from its public source, run over the same subgraph processes as this tree's gateway. It is given
 * an execution config composed here from the subgraphs' own SDL (Cosmo's composition and router
 * config builder, the libraries its `wgc router compose` uses), and it forwards the device's token
 * and country, which subgraphs started with SUBGRAPH_CALLER=device-token accept. Request
 * deduplication is off (it would share one session between viewers), and so is everything that would
 * reach WunderGraph's cloud: no graph token, no telemetry, no metrics collector.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import persistedDocuments from '../clients/__generated__/persisted-documents.json';
import { subgraphs } from '@platform/registry';
import { stopProcess } from '@platform/stack';
import type { Prepared } from './benchTraffic';

export interface PeerRouter {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The router's execution config (JSON) for the subgraphs at `urls`, by name. */
async function executionConfig(urls: Record<string, string>): Promise<string> {
  // Loaded only for `--peer`: nothing else of the bench needs Cosmo's libraries.
  const { federateSubgraphs, ROUTER_COMPATIBILITY_VERSION_ONE } = await import('@wundergraph/composition');
  const { buildRouterConfig, SubgraphKind } = await import('@wundergraph/cosmo-shared');
  const { printSchemaWithDirectives } = await import('@graphql-tools/utils');
  const sources = subgraphs().map(({ name, sdlPath }) => ({
    name,
    url: urls[name]!,
    sdl: readFileSync(sdlPath, 'utf8'),
  }));
  const result = federateSubgraphs({
    subgraphs: sources.map(({ name, url, sdl }) => ({ name, url, definitions: parse(sdl) })),
    version: ROUTER_COMPATIBILITY_VERSION_ONE,
  });
  if (!result.success) {
    throw new Error(
      `Cosmo's composition refused the subgraphs: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  }
  const config = buildRouterConfig({
    federatedClientSDL: result.shouldIncludeClientSchema
      ? printSchemaWithDirectives(result.federatedGraphClientSchema)
      : '',
    federatedSDL: printSchemaWithDirectives(result.federatedGraphSchema),
    fieldConfigurations: result.fieldConfigurations,
    routerCompatibilityVersion: ROUTER_COMPATIBILITY_VERSION_ONE,
    schemaVersionId: 'bench',
    subgraphs: sources.map(({ name, url, sdl }, index) => {
      const composed = result.subgraphConfigBySubgraphName.get(name);
      return {
        kind: SubgraphKind.Standard,
        id: String(index),
        name,
        url,
        subscriptionUrl: url,
        sdl,
        schema: composed?.schema,
        configurationDataByTypeName: composed?.configurationDataByTypeName,
        costs: composed?.costs,
      };
    }),
  });
  return config.toJsonString();
}

/** The router's own settings: where it listens, its config, and everything that would call out off. */
function routerYaml(port: number, configFile: string): string {
  return `listen_addr: "127.0.0.1:${port}"
playground_enabled: false
execution_config:
  file:
    path: "${configFile}"
telemetry:
  tracing:
    enabled: false
  metrics:
    otlp:
      enabled: false
    prometheus:
      enabled: false
graphql_metrics:
  enabled: false
engine:
  enable_single_flight: false
  enable_inbound_request_deduplication: false
headers:
  all:
    request:
      - op: propagate
        named: Authorization
      - op: propagate
        named: X-Country
`;
}

/** Starts `binary` on `port` over the subgraphs at `urls`; resolves once it answers a query. */
export async function startPeerRouter(
  binary: string,
  options: { dir: string; port: number; urls: Record<string, string> },
): Promise<PeerRouter> {
  const configFile = path.join(options.dir, 'peer-execution-config.json');
  writeFileSync(configFile, await executionConfig(options.urls));
  const yamlFile = path.join(options.dir, 'peer-router.yaml');
  writeFileSync(yamlFile, routerYaml(options.port, configFile));
  const child = spawn(binary, ['-config', yamlFile], {
    cwd: options.dir,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the peer router exited with ${code}`))),
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answered = await Promise.race([
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      }).then(
        (response) => response.ok,
        () => false,
      ),
      exited,
    ]);
    if (answered) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error('the peer router did not answer within 30 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  exited.catch(() => {});
  return {
    url,
    pid: child.pid!,
    stop: () => stopProcess(child),
  };
}

const documents = persistedDocuments as Record<string, string>;

/**
 * `prepared` as a router without this gateway's trusted documents is sent them: the document's text
 * instead of its id, and no request class (which only this gateway reads).
 */
export function withDocumentText(prepared: readonly Prepared[]): Prepared[] {
  const bodies = new Map<string, string>();
  return prepared.map(({ kind, headers, body }) => {
    let text = bodies.get(body);
    if (text === undefined) {
      const { documentId, ...rest } = JSON.parse(body) as { documentId: string };
      const query = documents[documentId];
      if (!query) throw new Error(`no persisted document ${documentId}`);
      text = JSON.stringify({ query, ...rest });
      bodies.set(body, text);
    }
    const { 'x-request-class': _, ...forwarded } = headers;
    return { kind, headers: forwarded, body: text };
  });
}

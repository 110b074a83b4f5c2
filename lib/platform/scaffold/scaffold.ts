/**
 * `npm run subgraph:new -- <name>`: a new subgraph in the registry's shape, from the templates in
 * `templates/`: `subgraph.json` (the next free port, off the `play` path), an SDL extending `Title`
 * with an example field and a query, and `src/` as catalog's (server, env, context, mappers, one
 * resolver file per type, repositories for the embedded store and MongoDB, loaders, a server test).
 * Compose, codegen, the type check, ESLint, its test and `npm start` pass with no other edit.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { discoverSubgraphs, SUBGRAPHS_DIR, type SubgraphEntry } from '../registry';
import { invalidNameReason, subgraphNames } from './names';
import { sharedDefinitions } from './sharedDefinitions';

const TEMPLATES = path.join(__dirname, 'templates');
const TEMPLATE_SUFFIX = '.tmpl';

/** Default ports of the services that are not subgraphs (gateway, edge, admin listener): never given out. */
const OTHER_DEFAULT_PORTS = new Set([4000, 4100, 9400]);

export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}

export interface ScaffoldOptions {
  /** The repository to add the subgraph to. */
  root: string;
  name: string;
  /**
   * Formats each file as `npm run lint` wants it (the script passes Prettier, so long names still
   * wrap right). Defaults to none: the templates are formatted for names of ordinary length.
   */
  format?: (file: string, text: string) => Promise<string>;
}

export interface ScaffoldedSubgraph {
  name: string;
  port: number;
  /** The files written, relative to the repository root, sorted. */
  files: string[];
}

/** @throws ScaffoldError for an invalid name or a folder that exists; writes nothing then */
export async function scaffoldSubgraph({
  root,
  name,
  format = async (_file, text) => text,
}: ScaffoldOptions): Promise<ScaffoldedSubgraph> {
  const invalid = invalidNameReason(name);
  if (invalid) throw new ScaffoldError(invalid);
  const dir = path.join(root, SUBGRAPHS_DIR, name);
  if (existsSync(dir)) {
    throw new ScaffoldError(`${path.relative(root, dir)} already exists: choose another name, or edit it`);
  }
  const existing = discoverSubgraphs(root);
  const port = nextFreePort(existing);
  const names = subgraphNames(name);
  const shared = sharedDefinitions(existing);
  const values: Record<string, string> = {
    name: names.name,
    camel: names.camel,
    Pascal: names.pascal,
    ENV: names.env,
    port: String(port),
    ...shared,
  };
  const rendered = await Promise.all(
    templateFiles(TEMPLATES).map(async (template) => {
      const target = path.join(dir, path.relative(TEMPLATES, template).slice(0, -TEMPLATE_SUFFIX.length));
      return { target, text: await format(target, render(readFileSync(template, 'utf8'), values)) };
    }),
  );
  for (const { target, text } of rendered) {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return { name, port, files: rendered.map(({ target }) => path.relative(root, target)).sort() };
}

/** One more than the highest default port of any subgraph replica, skipping the other services' ports. */
export function nextFreePort(existing: readonly SubgraphEntry[]): number {
  const subgraphPorts = existing.flatMap((entry) => [entry.port, ...entry.replicaPorts]);
  const taken = new Set([...OTHER_DEFAULT_PORTS, ...subgraphPorts]);
  let port = Math.max(4000, ...subgraphPorts) + 1;
  while (taken.has(port)) port += 1;
  return port;
}

/** Replaces every `{{key}}`; a placeholder without a value is a bug in the templates. */
function render(template: string, values: Record<string, string>): string {
  return template.replaceAll(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`Template placeholder {{${key}}} has no value`);
    return value;
  });
}

function templateFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return templateFiles(file);
    return entry.name.endsWith(TEMPLATE_SUFFIX) ? [file] : [];
  });
}

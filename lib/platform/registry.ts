/**
 * The registry of subgraphs: each `subgraphs/<name>/subgraph.json` declares its subgraph once (name,
 * default port, whether `play` needs it, extra replicas, codegen mappers), and everything that used
 * to list the subgraphs (composition, codegen, the stack, the gateway's settings and readiness, the
 * benchmarks, the simulator, the tests) reads it from here. Adding a subgraph is adding a folder.
 *
 * Relative imports only: graphql-codegen loads this file through `codegen.ts` with its own
 * TypeScript loader, which knows nothing of the tsconfig `paths` aliases.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { REPOSITORY_ROOT } from './env';

/** Where the subgraph folders live, relative to the repository root. */
export const SUBGRAPHS_DIR = 'subgraphs';

const tcpPort = z.number().int().min(1).max(65535);

/** The format of `subgraphs/<name>/subgraph.json`. */
export const subgraphDeclarationSchema = z.strictObject({
  /** The subgraph's name in the supergraph; equals its folder's name. Lower case, digits and `-`. */
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower case letters, digits and "-", starting with a letter'),
  /** Why the declaration is as it is (replicas, say): for readers only. */
  description: z.string().optional(),
  /** Default port of the first replica, overridden by `<NAME>_PORT`. */
  port: tcpPort,
  /**
   * Whether a `play` request needs this subgraph: only these hold up the gateway's readiness; the
   * others are reported in its body but optional.
   */
  playPath: z.boolean(),
  /**
   * Default ports of the replicas beyond the first: the stack runs `1 + replicaPorts.length`
   * processes of this subgraph. Defaults to none (one replica).
   */
  replicaPorts: z.array(tcpPort).default([]),
  /** graphql-codegen's typescript-resolvers settings for `src/__generated__/resolvers.ts`. */
  codegen: z.strictObject({
    /** The context type, as `module#Type` relative to `src/__generated__/`. */
    contextType: z.string().min(1),
    /** GraphQL type name to `module#Type` of the value its resolvers receive as parent. */
    mappers: z.record(z.string(), z.string().min(1)).default({}),
  }),
});

export type SubgraphDeclaration = z.infer<typeof subgraphDeclarationSchema>;

/** A declared subgraph, with the paths and environment variable names derived from it. */
export interface SubgraphEntry extends SubgraphDeclaration {
  /** The subgraph's folder, absolute. */
  dir: string;
  /** Its SDL, absolute: `subgraphs/<name>/schema.graphql`. */
  sdlPath: string;
  /** Its process's entry point, relative to the repository root: `subgraphs/<name>/src/index.ts`. */
  entry: string;
  env: SubgraphEnvNames;
}

/** The environment variables that configure one subgraph, derived from its name. */
export interface SubgraphEnvNames {
  /** `<NAME>_PORT`: the port its first replica listens on (each replica's process reads this one). */
  port: string;
  /** `<NAME>_URL`: the gateway's comma-separated list of replica URLs, replacing the local ports. */
  url: string;
  /**
   * `<NAME>_FAILOVER_URL`: replicas in other zones, comma-separated, that the gateway asks only when
   * none of its own zone's (`<NAME>_URL`) can answer.
   */
  failoverUrl: string;
  /** `<NAME>_TIMEOUT_MS`: the gateway's fetch deadline for this subgraph alone. */
  timeoutMs: string;
  /**
   * The port variable of each extra replica: `<NAME>_REPLICA_PORT` for the second, then
   * `<NAME>_REPLICA_3_PORT`, `<NAME>_REPLICA_4_PORT`...
   */
  replicaPorts: string[];
}

export class RegistryError extends Error {
  override name = 'RegistryError';
}

/** `catalog` -> `CATALOG`, `watch-party` -> `WATCH_PARTY`: the prefix of a subgraph's variables. */
export function envPrefix(name: string): string {
  return name.toUpperCase().replaceAll('-', '_');
}

export function subgraphEnvNames(name: string, replicas: number): SubgraphEnvNames {
  const prefix = envPrefix(name);
  return {
    port: `${prefix}_PORT`,
    url: `${prefix}_URL`,
    failoverUrl: `${prefix}_FAILOVER_URL`,
    timeoutMs: `${prefix}_TIMEOUT_MS`,
    replicaPorts: Array.from({ length: replicas }, (_, index) =>
      index === 0 ? `${prefix}_REPLICA_PORT` : `${prefix}_REPLICA_${index + 2}_PORT`,
    ),
  };
}

/**
 * Reads and validates every `subgraphs/<name>/subgraph.json` under `root`, sorted by name. A folder
 * without one is not a subgraph. Throws a RegistryError naming the file on the first bad one.
 */
export function discoverSubgraphs(root: string = REPOSITORY_ROOT): SubgraphEntry[] {
  const base = path.join(root, SUBGRAPHS_DIR);
  const folders = readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(base, entry.name, 'subgraph.json')))
    .map((entry) => entry.name)
    .sort();
  const entries = folders.map((folder) => readDeclaration(root, folder));
  const ports = new Map<number, string>();
  for (const entry of entries) {
    for (const port of [entry.port, ...entry.replicaPorts]) {
      const other = ports.get(port);
      if (other) {
        throw new RegistryError(
          `${declarationPath(root, entry.name)}: port ${port} is already the default port of ${other}`,
        );
      }
      ports.set(port, entry.name);
    }
  }
  return entries;
}

function declarationPath(root: string, folder: string): string {
  return path.relative(root, path.join(root, SUBGRAPHS_DIR, folder, 'subgraph.json'));
}

function readDeclaration(root: string, folder: string): SubgraphEntry {
  const file = declarationPath(root, folder);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path.join(root, file), 'utf8'));
  } catch (error) {
    throw new RegistryError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = subgraphDeclarationSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new RegistryError(`${file} is not a valid subgraph declaration:\n${problems.join('\n')}`);
  }
  const declaration = parsed.data;
  if (declaration.name !== folder) {
    throw new RegistryError(`${file}: name "${declaration.name}" must be the folder's name, "${folder}"`);
  }
  const dir = path.join(root, SUBGRAPHS_DIR, folder);
  return {
    ...declaration,
    dir,
    sdlPath: path.join(dir, 'schema.graphql'),
    entry: path.posix.join(SUBGRAPHS_DIR, folder, 'src/index.ts'),
    env: subgraphEnvNames(declaration.name, declaration.replicaPorts.length),
  };
}

let discovered: readonly SubgraphEntry[] | undefined;

/** The repository's subgraphs, sorted by name: discovered on first use, then remembered. */
export function subgraphs(): readonly SubgraphEntry[] {
  discovered ??= Object.freeze(discoverSubgraphs());
  return discovered;
}

/** One subgraph's entry; throws a RegistryError for a name with no `subgraph.json`. */
export function subgraph(name: string): SubgraphEntry {
  const entry = subgraphs().find((candidate) => candidate.name === name);
  if (!entry) {
    throw new RegistryError(
      `No subgraph "${name}": ${SUBGRAPHS_DIR}/${name}/subgraph.json does not exist (known: ${subgraphs()
        .map((known) => known.name)
        .join(', ')})`,
    );
  }
  return entry;
}

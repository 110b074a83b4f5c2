import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { GraphQLError, parse, printSchema, Source, type DocumentNode } from 'graphql';
import {
  compositionProblem,
  formatCompositionProblem,
  sdlProblems,
  type CompositionProblem,
} from './compositionProblems';
import { REPOSITORY_ROOT } from './env';
import { discoverSubgraphs, subgraphs, type SubgraphEntry } from './registry';

/** Where the composed schemas live, relative to a repository root. */
export const SCHEMA_FILES = {
  supergraph: 'schema/supergraph.graphql',
  api: 'schema/api.graphql',
} as const;

export const SUPERGRAPH_PATH = path.join(REPOSITORY_ROOT, SCHEMA_FILES.supergraph);
export const API_SCHEMA_PATH = path.join(REPOSITORY_ROOT, SCHEMA_FILES.api);

/** A subgraph's name: any folder of `subgraphs/` with a `subgraph.json` (lib/platform/registry.ts). */
export type SubgraphName = string;

/** Composition refused the SDLs; `problems` says where, each printable with {@link formatCompositionProblem}. */
export class CompositionError extends Error {
  override name = 'CompositionError';

  constructor(readonly problems: readonly CompositionProblem[]) {
    super(`Composition failed:\n${problems.map(formatCompositionProblem).join('\n')}`);
  }
}

export interface ComposedSupergraph {
  /** What the gateway serves: `schema/supergraph.graphql`. */
  supergraphSdl: string;
  /** The public API clients are typed against: `schema/api.graphql`. */
  apiSdl: string;
}

/**
 * Composes the checked-in SDLs of the registered subgraphs. The URLs in the supergraph are placeholders: the gateway
 * routes to the URLs in its configuration, so the file does not change between environments.
 *
 * @param root the repository whose `subgraphs/` to compose. Defaults to this repository; the schema
 *   check's tests compose temporary copies.
 * @throws CompositionError for a syntax error in an SDL or a composition error, with their places
 */
export function composeSupergraph(root: string = REPOSITORY_ROOT): ComposedSupergraph {
  const entries = root === REPOSITORY_ROOT ? subgraphs() : discoverSubgraphs(root);
  const sdlFileOf = (name: string) => {
    const entry = entries.find((candidate) => candidate.name === name);
    return entry && path.relative(root, entry.sdlPath);
  };
  const problems: CompositionProblem[] = [];
  const services = entries.flatMap((entry) => {
    const typeDefs = parseSdl(root, entry, (error) => problems.push(compositionProblem(error, sdlFileOf)));
    if (typeDefs) problems.push(...sdlProblems(typeDefs));
    return typeDefs
      ? [{ name: entry.name, url: `http://${entry.name}.subgraph.invalid/graphql`, typeDefs }]
      : [];
  });
  // Every syntax error and definition twice at once, with its place, before composition would report
  // only what they leave behind, some without a place.
  if (problems.length > 0) throw new CompositionError(problems);
  const result = composeServices(services);
  if (result.errors) {
    throw new CompositionError(result.errors.map((error) => compositionProblem(error, sdlFileOf)));
  }
  const apiSchema = result.schema.toAPISchema().toGraphQLJSSchema();
  return { supergraphSdl: result.supergraphSdl, apiSdl: printSchema(apiSchema) + '\n' };
}

/** The SDL parsed with its repository-relative path as source name, so errors can say where they are. */
function parseSdl(
  root: string,
  entry: SubgraphEntry,
  onSyntaxError: (error: GraphQLError) => void,
): DocumentNode | undefined {
  const file = path.relative(root, entry.sdlPath);
  try {
    return parse(new Source(readFileSync(entry.sdlPath, 'utf8'), file));
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    onSyntaxError(error);
    return undefined;
  }
}

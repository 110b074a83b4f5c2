import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';

const ROOT = path.resolve(__dirname, '../..');
export const SUPERGRAPH_PATH = path.join(ROOT, 'schema/supergraph.graphql');
export const API_SCHEMA_PATH = path.join(ROOT, 'schema/api.graphql');

/** The subgraphs of the graph; a new subgraph is added here and under `subgraphs/<name>/`. */
export const SUBGRAPH_NAMES = ['profiles', 'entitlements', 'catalog', 'playback'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export function subgraphSdlPath(name: SubgraphName): string {
  return path.join(ROOT, 'subgraphs', name, 'schema.graphql');
}

export class CompositionError extends Error {
  override name = 'CompositionError';
}

/**
 * Composes the checked-in subgraph SDLs. The URLs in the supergraph are placeholders: the gateway
 * routes to the URLs in its configuration, so the file does not change between environments.
 */
export function composeSupergraph(): { supergraphSdl: string; apiSdl: string } {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: `http://${name}.subgraph.invalid/graphql`,
      typeDefs: parse(readFileSync(subgraphSdlPath(name), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new CompositionError(
      `Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`,
    );
  }
  const apiSchema = result.schema.toAPISchema().toGraphQLJSSchema();
  return { supergraphSdl: result.supergraphSdl, apiSdl: printSchema(apiSchema) + '\n' };
}

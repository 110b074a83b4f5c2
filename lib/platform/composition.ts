import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { subgraph, subgraphs } from './registry';

const ROOT = path.resolve(__dirname, '../..');
export const SUPERGRAPH_PATH = path.join(ROOT, 'schema/supergraph.graphql');
export const API_SCHEMA_PATH = path.join(ROOT, 'schema/api.graphql');

/** A subgraph's name: any folder of `subgraphs/` with a `subgraph.json` (lib/platform/registry.ts). */
export type SubgraphName = string;

export function subgraphSdlPath(name: SubgraphName): string {
  return subgraph(name).sdlPath;
}

export class CompositionError extends Error {
  override name = 'CompositionError';
}

/**
 * Composes the checked-in SDLs of the registered subgraphs. The URLs in the supergraph are placeholders: the gateway
 * routes to the URLs in its configuration, so the file does not change between environments.
 */
export function composeSupergraph(): { supergraphSdl: string; apiSdl: string } {
  const result = composeServices(
    subgraphs().map(({ name, sdlPath }) => ({
      name,
      url: `http://${name}.subgraph.invalid/graphql`,
      typeDefs: parse(readFileSync(sdlPath, 'utf8')),
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

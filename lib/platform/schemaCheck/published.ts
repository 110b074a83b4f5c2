/**
 * What the schema check compares with: the public API as published. By default the base branch's
 * `schema/api.graphql` (at the merge base of HEAD with `main`), so that a pull request which composed
 * and committed a breaking change is still checked against what was there before it; or what a
 * running gateway is given (`--against-url`: the supergraph its `SUPERGRAPH_URL` serves); or a file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { SCHEMA_FILES } from '../composition';

export interface PublishedSchema {
  /** The public API's SDL. */
  sdl: string;
  /** What it is, for the report: `main (merge base 1a2b3c4d)`, a URL or a file. */
  label: string;
  /** The published supergraph, which says who owned what was removed; unknown for a file. */
  supergraphSdl?: string;
}

export type PublishedSource =
  { kind: 'file'; file: string } | { kind: 'url'; url: string } | { kind: 'base'; ref: string };

export class PublishedSchemaError extends Error {
  override name = 'PublishedSchemaError';
}

export async function publishedSchema(root: string, source: PublishedSource): Promise<PublishedSchema> {
  switch (source.kind) {
    case 'file':
      return {
        sdl: readFileSync(source.file, 'utf8'),
        label: path.relative(root, source.file) || source.file,
      };
    case 'url': {
      const supergraphSdl = await fetchSupergraph(source.url);
      return { sdl: apiOf(source.url, supergraphSdl), label: source.url, supergraphSdl };
    }
    case 'base':
      return atMergeBase(root, source.ref);
  }
}

async function fetchSupergraph(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new PublishedSchemaError(
      `The published supergraph at ${url} could not be fetched: ${(error as Error).message}`,
    );
  }
  if (!response.ok) {
    throw new PublishedSchemaError(`The published supergraph at ${url} answered HTTP ${response.status}`);
  }
  return response.text();
}

/** The API schema of a supergraph, as the gateway given it serves it. */
function apiOf(url: string, supergraphSdl: string): string {
  try {
    return `${printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema())}\n`;
  } catch (error) {
    throw new PublishedSchemaError(`What ${url} serves is not a supergraph: ${(error as Error).message}`);
  }
}

/** `schema/api.graphql` as the base branch had it where HEAD left it. */
function atMergeBase(root: string, ref: string): PublishedSchema {
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', root, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  let base: string;
  try {
    base = git('merge-base', 'HEAD', ref);
  } catch {
    throw new PublishedSchemaError(
      `No merge base with ${ref} here (not a git checkout, or no branch ${ref}): pass --base <ref>, --against <file> or --against-url <supergraph URL>`,
    );
  }
  const show = (file: string) => {
    try {
      return `${git('show', `${base}:${file}`)}\n`;
    } catch {
      throw new PublishedSchemaError(`${ref} has no ${file} at ${base.slice(0, 8)}`);
    }
  };
  return {
    sdl: show(SCHEMA_FILES.api),
    label: `${ref} (merge base ${base.slice(0, 8)})`,
    supergraphSdl: show(SCHEMA_FILES.supergraph),
  };
}

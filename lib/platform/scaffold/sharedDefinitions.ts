/**
 * What a new subgraph's SDL repeats from the others, read from their SDLs rather than kept in a
 * template so that it cannot drift: the `@fallback` directive's definition (federation needs every
 * subgraph that uses a directive to define it, and composition compares the definitions), and the
 * descriptions of `Query` and `Title` (one description per type in the composed schema).
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type DefinitionNode } from 'graphql';
import type { SubgraphEntry } from '../registry';

export interface SharedDefinitions {
  /** `directive @fallback(...) on ...`, with its description, exactly as written. */
  fallbackDirective: string;
  queryDescription: string;
  titleDescription: string;
}

export class MissingSharedDefinitionError extends Error {
  override name = 'MissingSharedDefinitionError';
}

export function sharedDefinitions(existing: readonly SubgraphEntry[]): SharedDefinitions {
  const sdls = existing.map((entry) => ({ entry, text: readFileSync(entry.sdlPath, 'utf8') }));
  const definitions = sdls.flatMap(({ text }) => parse(text).definitions.map((node) => ({ node, text })));
  const find = (what: string, matches: (node: DefinitionNode) => boolean) => {
    const found = definitions.find(({ node }) => matches(node));
    if (!found) throw new MissingSharedDefinitionError(`No subgraph's SDL has ${what} to copy`);
    return found;
  };
  const directive = find(
    'the @fallback directive',
    (node) => node.kind === Kind.DIRECTIVE_DEFINITION && node.name.value === 'fallback',
  );
  const describedType = (name: string) => {
    const { node } = find(
      `a described ${name} type`,
      (candidate) =>
        candidate.kind === Kind.OBJECT_TYPE_DEFINITION &&
        candidate.name.value === name &&
        candidate.description !== undefined,
    );
    return node.kind === Kind.OBJECT_TYPE_DEFINITION ? (node.description?.value ?? '') : '';
  };
  return {
    fallbackDirective: directive.text.slice(directive.node.loc!.start, directive.node.loc!.end),
    queryDescription: describedType('Query'),
    titleDescription: describedType('Title'),
  };
}

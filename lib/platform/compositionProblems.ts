/**
 * Composition and SDL errors as a compiler prints them, `subgraphs/<name>/schema.graphql:<line>:<col>:
 * message`, so that editors and terminals link to the spot and nobody reads a stack trace. The SDLs
 * are parsed with their repository-relative path as the GraphQL `Source` name: every AST node, and
 * so every error that carries nodes, knows its file.
 */
import {
  getLocation,
  GraphQLError,
  UniqueArgumentDefinitionNamesRule,
  UniqueEnumValueNamesRule,
  UniqueFieldDefinitionNamesRule,
  UniqueTypeNamesRule,
  type ASTNode,
  type DocumentNode,
} from 'graphql';
import { validateSDL } from 'graphql/validation/validate';

/** A place in an SDL file; `line` and `column` start at 1. */
export interface SdlLocation {
  file: string;
  line: number;
  column: number;
}

/** One thing composition (or parsing an SDL) refused. */
export interface CompositionProblem {
  message: string;
  /** Apollo's error code, such as `FIELD_TYPE_MISMATCH`; undefined for syntax errors. */
  code: string | undefined;
  /** Where it is: the first is the main place, the others are the same problem elsewhere (empty when unknown). */
  locations: SdlLocation[];
  /** The subgraph's SDL file when no location is known but the message names the subgraph. */
  file: string | undefined;
}

/** `[catalog] Unknown type Strin`: how composition prefixes errors found in one subgraph. */
const SUBGRAPH_PREFIX = /^\[([a-z][a-z0-9-]*)\] /;

/**
 * One problem from an error of `@apollo/composition` or of graphql's `parse`.
 *
 * @param sdlFileOf the repository-relative SDL path of a subgraph, for errors that only name it
 */
export function compositionProblem(
  error: GraphQLError,
  sdlFileOf: (subgraph: string) => string | undefined,
): CompositionProblem {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : undefined;
  const locations = locationsOf(error);
  const named = SUBGRAPH_PREFIX.exec(error.message)?.[1];
  return {
    message: error.message,
    code,
    locations,
    file: named === undefined ? undefined : sdlFileOf(named),
  };
}

/**
 * Each node's own place. Not `error.locations`: graphql computes those against the first node's
 * source only, which is wrong for an error that points into two subgraphs.
 */
function locationsOf(error: GraphQLError): SdlLocation[] {
  const fromNodes = (error.nodes ?? []).flatMap((node: ASTNode) => {
    if (!node.loc) return [];
    const { line, column } = getLocation(node.loc.source, node.loc.start);
    return [{ file: node.loc.source.name, line, column }];
  });
  if (fromNodes.length > 0) return fromNodes;
  // Syntax errors from `parse` have a source and positions but no nodes.
  if (error.source && error.locations) {
    return error.locations.map(({ line, column }) => ({ file: error.source!.name, line, column }));
  }
  return [];
}

/**
 * Mistakes inside one SDL that Apollo's composition reports without a place (it builds subgraph
 * schemas without AST nodes for them: a field or a type defined twice) or not at all (an enum value
 * defined twice): graphql-js's own SDL validation finds them with the nodes of every definition, so
 * they are checked first, file by file.
 */
const SDL_RULES = [
  UniqueFieldDefinitionNamesRule,
  UniqueTypeNamesRule,
  UniqueEnumValueNamesRule,
  UniqueArgumentDefinitionNamesRule,
];

/** What graphql-js's SDL validation refuses in one subgraph's parsed SDL (see {@link SDL_RULES}). */
export function sdlProblems(document: DocumentNode): CompositionProblem[] {
  return validateSDL(document, undefined, SDL_RULES).map((error) => ({
    message: error.message,
    code: undefined,
    locations: locationsOf(error),
    file: undefined,
  }));
}

/**
 * The problem as lines: `file:line:col: message (CODE)`, then `file:line:col: ...also here` for each
 * other place; `file: message` when only the subgraph is known, `composition: message` when nothing is.
 */
export function formatCompositionProblem(problem: CompositionProblem): string {
  const text = problem.code ? `${problem.message} (${problem.code})` : problem.message;
  const [first, ...others] = problem.locations;
  if (!first) return `${problem.file ?? 'composition'}: ${text}`;
  return [`${at(first)}: ${text}`, ...others.map((location) => `${at(location)}: ...also here`)].join('\n');
}

const at = ({ file, line, column }: SdlLocation) => `${file}:${line}:${column}`;

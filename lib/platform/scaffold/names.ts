/** A new subgraph's name and the identifiers the scaffold derives from it. */
import { envPrefix } from '../registry';

/** Lower-case words joined by single dashes: `recommendations`, `watch-party`. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Names whose variables or process names the platform already uses: `gateway` is a process of the
 * stack, and `<NAME>_PORT`, `<NAME>_URL`, `<NAME>_TIMEOUT_MS` of these would collide with `ADMIN_PORT`,
 * `EDGE_PORT`, `SUBGRAPH_TIMEOUT_MS`...
 */
const RESERVED = new Set(['gateway', 'admin', 'edge', 'subgraph', 'stack']);

export interface SubgraphNames {
  /** `watch-party`: the folder, the registry name, the service name in logs. */
  name: string;
  /** `watchParty`: the prefix of the example fields, so they cannot clash with another subgraph's. */
  camel: string;
  /** `WatchParty`: the prefix of its types (`WatchPartyContext`) and functions. */
  pascal: string;
  /** `WATCH_PARTY`: the prefix of its environment variables. */
  env: string;
}

/** Why `name` cannot name a subgraph, or undefined when it can. */
export function invalidNameReason(name: string): string | undefined {
  if (!NAME.test(name)) {
    return `"${name}" is not a subgraph name: lower-case letters and digits, words joined by single dashes, starting with a letter (such as "recommendations" or "watch-party")`;
  }
  if (RESERVED.has(name)) return `"${name}" is taken by the platform itself; choose another name`;
  return undefined;
}

/** The identifiers of a valid name (see {@link invalidNameReason}). */
export function subgraphNames(name: string): SubgraphNames {
  const [first = '', ...rest] = name.split('-');
  const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return {
    name,
    camel: first + rest.map(capitalized).join(''),
    pascal: [first, ...rest].map(capitalized).join(''),
    env: envPrefix(name),
  };
}

/**
 * How large and how expensive one operation may be. Every limit is checked before the gateway plans the
 * operation or calls a subgraph. The defaults leave every device operation in `clients/operations/` far
 * below each limit (`operationLimits.test.ts` checks a quarter of each, half for depth), so a limit only
 * ever refuses an operation no device sends.
 */
import { MAX_PROFILES_PER_ACCOUNT } from '@platform/dataset/load';

export interface OperationLimitSettings {
  /**
   * Most lexical tokens in the document (names, punctuation, values; comments are not tokens). Checked
   * while parsing: graphql-js stops lexing at the first token past the limit, so a 150 KB document costs
   * no more than a small one. Defaults to 2_000: 40 times the largest device operation (`Titles`,
   * 51 tokens), and 10 times graphql-js's full introspection query (184), which explorers send.
   */
  maxTokens: number;
  /**
   * Most aliased fields in the operation, fragments counted where they are spread. Aliases are how one
   * request asks for the same expensive field many times (1,000 `play`s). Defaults to 20: no device
   * operation uses an alias, and a browse screen aliasing one `titles` row per genre stays below it.
   */
  maxAliases: number;
  /**
   * Deepest field nesting: `{ play { decision { prompt { offers { type } } } } }` is 5. Introspection
   * (`__schema`, `__type`) is not counted: the gateway answers it from the schema, and graphql-js's
   * `MaxIntrospectionDepthRule` already bounds it. Defaults to 10: twice `Play` (5). The API schema has
   * no cycle today, so nothing valid nests deeper than 6 (`me.profiles.continueWatching.title.encodings.id`):
   * this limit guards the schema's growth.
   */
  maxDepth: number;
  /**
   * Most field selections, fragments counted where they are spread (so a fragment spread twice counts
   * twice). Defaults to 200: about 10 times `Play` (21 fields), the largest device operation.
   */
  maxFields: number;
  /**
   * Most directives used in the document (`@skip`, `@include`, on fields, fragments and the operation).
   * Defaults to 50: no device operation uses one.
   */
  maxDirectives: number;
  /**
   * Most items in any one list of the request's variables (a device's codecs, say). Defaults to 100: a
   * device lists a handful of codecs, HDR formats and DRM systems; playback itself takes at most 8 of
   * each. Checked before the plan, so 60,000 codecs never become a 400 KB subgraph fetch.
   */
  maxListItems: number;
  /**
   * Highest estimated cost (see `estimateCost`): each subgraph fetch the plan will make costs
   * `fetchCost`, each object in the response `objectCost`, and a list multiplies what is beneath it by
   * its size. Defaults to 1_000: `Play` costs 90 (5 fetches, 40 objects), `Titles` 212 at its largest page
   * (`first: 100`), so a request may carry several of them, but not five full pages; 100 aliases of
   * `titles(first: 100)` cost 20,110 and 1,000 aliases of `play` 69,010.
   */
  maxCost: number;
  /**
   * Cost of one subgraph fetch, counted once per object it is made for (a fetch beneath a list of 100
   * titles resolves 100 entities). Defaults to 10: a round trip to a subgraph, with its deadline,
   * retries and circuit, costs far more than one more object in a response already being fetched.
   */
  fetchCost: number;
  /** Cost of one object (a field of object type) in the response. Defaults to 1. */
  objectCost: number;
  /**
   * Arguments that size a list: on a list field they size it, on a connection (`titles`) they size the
   * list fields directly beneath it (`edges`). When the operation does not pass one, the argument's
   * default in the schema applies (`titles(first: Int = 20)`). Defaults to `['first', 'last']`.
   */
  sizeArguments: readonly string[];
  /**
   * Assumed size of a list of objects that no argument sizes, unless `listSizes` names it. Defaults to
   * 10: an account's profiles (at most 5), a prompt's offers (at most 4) and a title's encodings (6 to
   * 8 in the catalog) are all smaller.
   */
  defaultListSize: number;
  /**
   * Assumed sizes of particular lists, by `Type.field`. Defaults to `Profile.continueWatching: 20`, the
   * most its description promises, and `Account.profiles: 5`, the most a dataset may give an account.
   */
  listSizes: Readonly<Record<string, number>>;
}

export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimitSettings> = Object.freeze({
  maxTokens: 2_000,
  maxAliases: 20,
  maxDepth: 10,
  maxFields: 200,
  maxDirectives: 50,
  maxListItems: 100,
  maxCost: 1_000,
  fetchCost: 10,
  objectCost: 1,
  sizeArguments: Object.freeze(['first', 'last']),
  defaultListSize: 10,
  listSizes: Object.freeze({
    'Profile.continueWatching': 20,
    'Account.profiles': MAX_PROFILES_PER_ACCOUNT,
  }),
});

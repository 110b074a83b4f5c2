/** Operations of the kinds the limits exist to refuse (they froze the gateway or opened circuits), built to size. */

/** Selections of one `play`, as a device asks for them; about 110 bytes per alias. */
const PLAY_SELECTION =
  '{ id decision { allowed reason message } manifest { jws keyId expiresAt } title { id name } }';

/** `count` aliases of `play`: 1,000 of them are the 150 KB request that held the gateway for 13 s. */
export function playAliases(count: number): string {
  const aliases = Array.from({ length: count }, (_, i) => `p${i}: play(input: $input) ${PLAY_SELECTION}`);
  return `query Plays($input: PlayInput!) {\n${aliases.join('\n')}\n}`;
}

/** `count` aliases of one page of `size` titles: 100 of `first: 100` opened the catalog's circuit. */
export function titlesAliases(count: number, size: number): string {
  const aliases = Array.from(
    { length: count },
    (_, i) => `t${i}: titles(first: ${size}) { edges { node { id name } } }`,
  );
  return `query Pages {\n${aliases.join('\n')}\n}`;
}

/** `count` directives, one per aliased `__typename`, since `@include` may appear once per field. */
export function directives(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `f${i}: __typename @include(if: true)`);
  return `query Directives {\n${fields.join('\n')}\n}`;
}

/** `count` unaliased `__typename` selections: about `count` tokens of an otherwise valid query. */
export function tokens(count: number): string {
  return `query Tokens { ${'__typename '.repeat(count)}}`;
}

/** `count` selections of one field of `me`. */
export function fields(count: number): string {
  return `query Fields { me { ${'id '.repeat(count)}} }`;
}

/** The deepest path the API schema has: 6 levels. */
export const DEEPEST_PATH =
  'query Deep { me { profiles { continueWatching { title { encodings { id } } } } } }';

/** Variables every `play` above accepts. */
export const PLAY_VARIABLES = {
  input: {
    titleId: 't-premium-4k',
    profileId: 'p-premium-adult',
    device: { id: 'tv-1', type: 'TV', codecs: ['H264'], maxHeight: 2160, drm: ['WIDEVINE'] },
  },
};

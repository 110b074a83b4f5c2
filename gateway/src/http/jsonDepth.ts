/**
 * Deepest nesting of objects and arrays in a JSON text, found without parsing it: one pass over the
 * characters that stops at the first bracket past the limit. `JSON.parse` itself recurses, and a body
 * of a million `[` costs it far more time and a deep stack before anything could refuse it; this
 * scan is linear, cheap and never allocates (the figures: docs/benchmarks.md).
 *
 * Brackets inside strings do not count; escapes are skipped so that `"\""` does not end a string
 * early. The text need not be valid JSON: the parser that runs afterwards says what else is wrong.
 *
 * @returns true when some object or array is nested deeper than `maxDepth` (the top level is depth 1)
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The refusal of a body or query string nested too deep: a 400, which Fastify's error handler answers. */
export function tooDeep(maxDepth: number): Error & { statusCode: number } {
  return Object.assign(new Error(`JSON nests deeper than ${maxDepth} levels`), { statusCode: 400 });
}

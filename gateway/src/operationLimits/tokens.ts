import { Lexer, Source, TokenKind } from 'graphql';

/**
 * Whether the document has more than `maxTokens` tokens, counted as graphql-js's parser counts them
 * (comments are not tokens). Reads at most `maxTokens + 1` tokens. Only asked after parsing failed, to
 * tell the token limit from a plain syntax error: a document that breaks both counts as too long.
 */
export function exceedsTokenLimit(source: string, maxTokens: number): boolean {
  const lexer = new Lexer(new Source(source));
  try {
    for (let read = 0; read <= maxTokens; read += 1) {
      if (lexer.advance().kind === TokenKind.EOF) return false;
    }
    return true;
  } catch {
    // A lexical error within the limit: the parser failed on that, not on the length.
    return false;
  }
}

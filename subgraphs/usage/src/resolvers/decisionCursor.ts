/**
 * The cursors of `playDecisions`: a decision's place in the list (newest first, then greater session
 * id first), as the store takes it back in `after`. Opaque to the analyst: base64url of the
 * {@link DecisionCursor} as JSON, so it carries nothing but the instant and the session id already in
 * the page. Anything else passed as `after` (a `titles` cursor, a hand-edited one) is refused rather
 * than read as "from the start", which would repeat a page as if it were the next one.
 */
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { DecisionCursor } from '@platform/decisions/record';
import { MAX_ID_LENGTH } from './decisionArguments';

const cursorShape = z.strictObject({
  at: z.iso.datetime({ offset: true }),
  sessionId: z.string().min(1).max(MAX_ID_LENGTH),
});

export function encodeCursor({ at, sessionId }: DecisionCursor): string {
  return Buffer.from(JSON.stringify({ at, sessionId })).toString('base64url');
}

export function decodeCursor(cursor: string): DecisionCursor {
  // Node's base64url decoder skips characters it does not know: only text that encodes back to
  // itself is a cursor this service wrote.
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const decision = cursorShape.safeParse(parsed);
  if (!decision.success || encodeCursor(decision.data) !== cursor) {
    throw new GraphQLError('`after` is not a cursor returned by `playDecisions`', {
      extensions: { code: ErrorCode.BadUserInput },
    });
  }
  return decision.data;
}

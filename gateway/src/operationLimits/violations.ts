import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { OperationLimitSettings } from './settings';

/** `extensions.code` of a refused operation, one per limit, so a client can tell which one it broke. */
export type OperationLimitCode =
  | ErrorCode.TooManyTokens
  | ErrorCode.TooManyAliases
  | ErrorCode.TooManyDirectives
  | ErrorCode.TooDeep
  | ErrorCode.TooManyFields
  | ErrorCode.TooManyListItems
  | ErrorCode.OperationTooComplex;

export type LimitName =
  'maxTokens' | 'maxAliases' | 'maxDirectives' | 'maxDepth' | 'maxFields' | 'maxListItems' | 'maxCost';

/** One limit an operation went over. */
export interface LimitViolation {
  limit: LimitName;
  code: OperationLimitCode;
  /** What the operation measured; for tokens only a lower bound, as parsing stops past the limit. */
  value: number;
  maximum: number;
  message: string;
}

/** Per limit: its code, and what the operation had, said for the client. */
const DESCRIPTIONS: Record<
  LimitName,
  { code: OperationLimitCode; said: (value: number, maximum: number) => string }
> = {
  maxTokens: {
    code: ErrorCode.TooManyTokens,
    said: (_value, maximum) => `Too many tokens: the document has more than ${maximum}`,
  },
  maxAliases: {
    code: ErrorCode.TooManyAliases,
    said: (value) => `Too many aliases: the operation has ${value}`,
  },
  maxDirectives: {
    code: ErrorCode.TooManyDirectives,
    said: (value) => `Too many directives: the operation has ${value}`,
  },
  maxDepth: {
    code: ErrorCode.TooDeep,
    said: (value) => `Too deep: the operation nests fields ${value} levels deep`,
  },
  maxFields: {
    code: ErrorCode.TooManyFields,
    said: (value) => `Too many fields: the operation selects ${value}`,
  },
  maxListItems: {
    code: ErrorCode.TooManyListItems,
    said: (value) => `Too many list items: a list in the variables has ${value}`,
  },
  maxCost: {
    code: ErrorCode.OperationTooComplex,
    said: (value) => `Operation too complex: its estimated cost is ${value}`,
  },
};

/** Every code a limit refuses with, one per limit. */
export const OPERATION_LIMIT_CODES: readonly OperationLimitCode[] = Object.values(DESCRIPTIONS).map(
  ({ code }) => code,
);

export function violation(limit: LimitName, value: number, settings: OperationLimitSettings): LimitViolation {
  const maximum = settings[limit];
  const { code, said } = DESCRIPTIONS[limit];
  return {
    limit,
    code,
    value,
    maximum,
    message: `${said(value, maximum)}, the maximum is ${maximum} (${limit}).`,
  };
}

function extensions({ code, limit, value, maximum }: LimitViolation): Record<string, unknown> {
  return { code, limit, value, maximum };
}

/** The error a plugin throws from `didResolveOperation`: Apollo Server answers it with HTTP 400. */
export function limitError(refused: LimitViolation): GraphQLError {
  return new GraphQLError(refused.message, {
    extensions: { ...extensions(refused), http: { status: 400 } },
  });
}

/** The same error as it goes out in a response, for the one case written into the response directly. */
export function formattedLimitError(refused: LimitViolation): GraphQLFormattedError {
  return { message: refused.message, extensions: extensions(refused) };
}

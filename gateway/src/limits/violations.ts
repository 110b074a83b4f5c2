import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { OperationLimitSettings } from './settings';

/** `extensions.code` of a refused operation, one per limit, so a client can tell which one it broke. */
export enum OperationLimitCode {
  TooManyTokens = 'TOO_MANY_TOKENS',
  TooManyAliases = 'TOO_MANY_ALIASES',
  TooManyDirectives = 'TOO_MANY_DIRECTIVES',
  TooDeep = 'TOO_DEEP',
  TooManyFields = 'TOO_MANY_FIELDS',
  TooManyListItems = 'TOO_MANY_LIST_ITEMS',
  TooComplex = 'OPERATION_TOO_COMPLEX',
}

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
    code: OperationLimitCode.TooManyTokens,
    said: (_value, maximum) => `Too many tokens: the document has more than ${maximum}`,
  },
  maxAliases: {
    code: OperationLimitCode.TooManyAliases,
    said: (value) => `Too many aliases: the operation has ${value}`,
  },
  maxDirectives: {
    code: OperationLimitCode.TooManyDirectives,
    said: (value) => `Too many directives: the operation has ${value}`,
  },
  maxDepth: {
    code: OperationLimitCode.TooDeep,
    said: (value) => `Too deep: the operation nests fields ${value} levels deep`,
  },
  maxFields: {
    code: OperationLimitCode.TooManyFields,
    said: (value) => `Too many fields: the operation selects ${value}`,
  },
  maxListItems: {
    code: OperationLimitCode.TooManyListItems,
    said: (value) => `Too many list items: a list in the variables has ${value}`,
  },
  maxCost: {
    code: OperationLimitCode.TooComplex,
    said: (value) => `Operation too complex: its estimated cost is ${value}`,
  },
};

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

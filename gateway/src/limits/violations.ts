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

export function violation(limit: LimitName, value: number, settings: OperationLimitSettings): LimitViolation {
  const maximum = settings[limit];
  const over = `the maximum is ${maximum} (${limit})`;
  switch (limit) {
    case 'maxTokens':
      return {
        limit,
        code: OperationLimitCode.TooManyTokens,
        value,
        maximum,
        message: `Too many tokens: the document has more than ${maximum}, ${over}.`,
      };
    case 'maxAliases':
      return {
        limit,
        code: OperationLimitCode.TooManyAliases,
        value,
        maximum,
        message: `Too many aliases: the operation has ${value}, ${over}.`,
      };
    case 'maxDirectives':
      return {
        limit,
        code: OperationLimitCode.TooManyDirectives,
        value,
        maximum,
        message: `Too many directives: the operation has ${value}, ${over}.`,
      };
    case 'maxDepth':
      return {
        limit,
        code: OperationLimitCode.TooDeep,
        value,
        maximum,
        message: `Too deep: the operation nests fields ${value} levels deep, ${over}.`,
      };
    case 'maxFields':
      return {
        limit,
        code: OperationLimitCode.TooManyFields,
        value,
        maximum,
        message: `Too many fields: the operation selects ${value}, ${over}.`,
      };
    case 'maxListItems':
      return {
        limit,
        code: OperationLimitCode.TooManyListItems,
        value,
        maximum,
        message: `Too many list items: a list in the variables has ${value}, ${over}.`,
      };
    case 'maxCost':
      return {
        limit,
        code: OperationLimitCode.TooComplex,
        value,
        maximum,
        message: `Operation too complex: its estimated cost is ${value}, ${over}.`,
      };
  }
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

/**
 * The answer of `GET /v1/titles/:id`, made from the trusted `Title` document's GraphQL response. A
 * title the catalog does not have is a 404; a title missing because the catalog could not answer is
 * a 503 (the device should retry, not tell the viewer it does not exist).
 */
import type { SubscriptionTier, TitleQuery } from '../../../clients/__generated__/operations';
import type { JsonAnswer } from '../answers/jsonAnswer';
import { degradedParts, type LegacyDegradedPart } from './degradedParts';
import {
  legacyError,
  legacyErrorFor,
  LegacyErrorCode,
  unavailable,
  type GraphQLAnswer,
} from './legacyErrors';

export interface LegacyTitleBody {
  id: string;
  name: string;
  synopsis: string;
  genres: string[];
  durationSeconds: number;
  /** Minimum viewer age: 0, 7, 13, 16 or 18. */
  maturityRating: number;
  /** The lowest subscription tier that includes the title; null when only rental or purchase do. */
  subscriptionTier: SubscriptionTier | null;
  degraded: boolean;
  degradedParts: LegacyDegradedPart[];
}

export function titleAnswer(answer: GraphQLAnswer, titleId: string): JsonAnswer {
  if (answer.status !== 200) return legacyErrorFor(answer);
  const data = answer.json.data as TitleQuery | null | undefined;
  const title = data?.title;
  if (!title) {
    // `title: null` without an error is the catalog's "no such title"; with one, it could not answer.
    if (data && data.title === null && !answer.json.errors?.length) {
      return legacyError(404, LegacyErrorCode.TitleNotFound, `No title with id "${titleId}"`);
    }
    return unavailable();
  }
  const parts = degradedParts(answer.json.extensions);
  const body: LegacyTitleBody = {
    id: title.id,
    name: title.name,
    synopsis: title.synopsis,
    genres: [...title.genres],
    durationSeconds: title.durationSeconds,
    maturityRating: title.maturityRating,
    subscriptionTier: title.subscriptionTier,
    degraded: parts.length > 0,
    degradedParts: parts,
  };
  return { status: 200, body };
}

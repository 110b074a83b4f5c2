/**
 * The answer of `POST /v1/playback/start`, made from the trusted `Play` document's GraphQL response:
 * the same decision, offers and signed manifest, in a flat shape an older device reads without a
 * GraphQL client. A refusal is a 200 with `allowed: false`; only a request the pipeline refused (401,
 * 429, ...) or a response without a decision is an error.
 */
import type {
  DecisionReason,
  OfferType,
  PlayQuery,
  PromptAction,
  SubscriptionTier,
} from '../../../clients/__generated__/operations';
import type { JsonAnswer } from '../answers/jsonAnswer';
import { degradedParts, type LegacyDegradedPart } from './degradedParts';
import type { DeviceModel } from './deviceModels';
import { legacyErrorFor, unavailable, type GraphQLAnswer } from './legacyErrors';

export interface LegacyOffer {
  type: OfferType;
  tier: SubscriptionTier | null;
  priceCents: number | null;
  currency: string | null;
  rentalHours: number | null;
}

export interface LegacyPlayBody {
  /** True exactly when `reason` is GRANTED; then `manifest` is present. */
  allowed: boolean;
  reason: DecisionReason;
  /** One sentence to show the viewer. */
  message: string;
  /** The primary way to get access (SUBSCRIBE, UPGRADE, RENT, BUY), or null. */
  action: PromptAction | null;
  /** Every way to get access, main one first; empty when none applies. */
  offers: LegacyOffer[];
  /** The signed manifest (verify `jws` against the gateway's `/.well-known/jwks.json`), or null. */
  manifest: { jws: string; keyId: string; expiresAt: number } | null;
  title: { id: string; name: string } | null;
  /** Opaque id of this play request, for support. */
  playId: string;
  /** The model the capabilities were looked up for. */
  device: { model: string; name: string };
  /** True when a fallback stood in for part of the answer (details in `degradedParts`). */
  degraded: boolean;
  degradedParts: LegacyDegradedPart[];
}

export function playAnswer(answer: GraphQLAnswer, device: DeviceModel): JsonAnswer {
  if (answer.status !== 200) return legacyErrorFor(answer);
  const play = (answer.json.data as PlayQuery | null | undefined)?.play;
  // No decision at all (the whole operation failed): nothing a device can show as a refusal.
  if (!play?.decision) return unavailable();
  const { decision } = play;
  const parts = degradedParts(answer.json.extensions);
  const body: LegacyPlayBody = {
    allowed: decision.allowed,
    reason: decision.reason,
    message: decision.message,
    action: decision.prompt?.action ?? null,
    offers: (decision.prompt?.offers ?? []).map((offer) => ({
      type: offer.type,
      tier: offer.tier,
      priceCents: offer.priceCents,
      currency: offer.currency,
      rentalHours: offer.rentalHours,
    })),
    manifest: play.manifest
      ? { jws: play.manifest.jws, keyId: play.manifest.keyId, expiresAt: play.manifest.expiresAt }
      : null,
    title: play.title ? { id: play.title.id, name: play.title.name } : null,
    playId: play.id,
    device: { model: device.model, name: device.name },
    degraded: parts.length > 0,
    degradedParts: parts,
  };
  return { status: 200, body };
}

/**
 * From the entitlement decision to what the device gets: the final decision (the device check on top of the
 * entitlement decision) and, for a grant, the signed manifest. This is where playback refuses to issue a
 * manifest without a grant it has verified itself, whatever the representation it was handed says.
 */
import { randomUUID } from 'node:crypto';
import { RuleTrace } from '@contracts/ruleChecks';
import type { PlaybackDecisionNote } from '@contracts/decisionNotes';
import { DECISION_MESSAGES, type DecisionReason, type Prompt } from '@contracts/decision';
import type { SubscriptionTier } from '@contracts/vocabulary';
import { InvalidGrantError, verifyGrant } from '@contracts/grant';
import type { PlaybackContext } from './context';
import type { EntitlementRepresentation, TitleRepresentation } from './mappers';
import type { PlayOutcome } from './playOutcome';
import type { PlayRequest } from './playSessionId';
import { abrHints } from '../manifest/abr';
import { planPlayback } from '../manifest/plan';
import { TIER_HEIGHT_CAP } from '../manifest/variants';
import { inSpan } from '@platform/tracing/spans';
import { spanContextOf, traceFields } from '@platform/traceIds';

/** Only a viewer's press of play or a reported start is a started session (counted in the logs). */
const MANIFEST_LOG = {
  PLAY: 'manifest issued',
  PREFETCH: 'prefetched manifest issued',
  START: 'prefetched session started: manifest renewed',
} as const;

/** The device rule of a decision that never reached it. */
const DEVICE_NOT_REACHED: PlaybackDecisionNote = {
  sessionId: null,
  device: { rule: 'DEVICE', outcome: 'NOT_REACHED', evidence: [] },
};

export const refusal = (
  reason: DecisionReason,
  message = DECISION_MESSAGES[reason],
  prompt: Prompt | null = null,
  note: PlaybackDecisionNote = DEVICE_NOT_REACHED,
): PlayOutcome => ({
  decision: { allowed: false, reason, message, prompt },
  manifest: null,
  note,
});

/** The outcome when a dependency failed and no safe decision exists. */
export function temporarilyUnavailable(): PlayOutcome {
  return refusal('TEMPORARILY_UNAVAILABLE');
}

/**
 * The entitlement's refusal as the device gets it, or null when it grants and the device rule comes
 * next. A refusal needs no proof: passing it on can never let anybody play. A self-contradicting
 * entitlement (allowed, but with a refusal's reason, or refused as GRANTED) is a refusal too.
 */
export function entitlementRefusal(
  entitlement: Pick<EntitlementRepresentation, 'allowed' | 'reason' | 'message' | 'prompt'>,
): PlayOutcome | null {
  if (entitlement.allowed && entitlement.reason === 'GRANTED') return null;
  if (entitlement.reason !== 'GRANTED')
    return refusal(entitlement.reason, entitlement.message, entitlement.prompt);
  return refusal('TEMPORARILY_UNAVAILABLE');
}

/** The picture cap of a grant: a subscription's tier caps it; a purchase or rental (null) does not. */
export function heightCapOf(subscriptionTier: SubscriptionTier | null): number | null {
  return subscriptionTier === null ? null : TIER_HEIGHT_CAP[subscriptionTier];
}

/**
 * Issues the manifest for a verified grant, or the refusal that stands instead: the entitlement's own, the
 * device check's DEVICE_UNSUPPORTED, or TEMPORARILY_UNAVAILABLE when the grant is missing or does not verify.
 */
export async function issueManifest(
  request: PlayRequest,
  entitlement: EntitlementRepresentation | undefined,
  title: TitleRepresentation | null | undefined,
  context: PlaybackContext,
): Promise<PlayOutcome> {
  const { caller, logger } = context;
  if (!entitlement) return refusal('TEMPORARILY_UNAVAILABLE');
  const refused = entitlementRefusal(entitlement);
  if (refused) return refused;
  if (!entitlement.grant || !title || !caller.accountId) {
    logger.warn('grant missing from an allowed entitlement', {
      titleId: request.titleId,
      ...traceFields(context.trace),
    });
    return refusal('TEMPORARILY_UNAVAILABLE');
  }
  let grant;
  try {
    grant = await verifyGrant(context.grantKeys, entitlement.grant, {
      accountId: caller.accountId,
      profileId: request.profileId,
      titleId: request.titleId,
      country: caller.country,
    });
  } catch (error) {
    if (!(error instanceof InvalidGrantError)) throw error;
    logger.warn('refused to build a manifest for an invalid grant', {
      reason: error.message,
      titleId: request.titleId,
      ...traceFields(context.trace),
    });
    return refusal('TEMPORARILY_UNAVAILABLE');
  }

  // A started prefetch keeps its session: the device is already playing it.
  const sessionId = request.sessionId ?? randomUUID();
  // The device rule's evidence, when the gateway records the decision.
  const trace = context.recordsEvidence ? new RuleTrace() : undefined;
  const plan = planPlayback(
    {
      encodings: title.encodings,
      drmRequired: title.drmRequired,
      device: request.device,
      heightCap: heightCapOf(grant.basis.kind === 'SUBSCRIPTION' ? grant.basis.tier : null),
      licenseBaseUrl: context.licenseBaseUrl,
      sessionId,
    },
    trace,
  );
  const device = trace ? trace.recorded().at(-1)! : DEVICE_NOT_REACHED.device;
  if (!plan.playable) {
    logger.info('device cannot play the title', {
      titleId: request.titleId,
      detail: plan.detail,
      ...traceFields(context.trace),
    });
    return refusal('DEVICE_UNSUPPORTED', undefined, null, { sessionId: null, device });
  }
  const cdns = await context.cdns.forCountry(caller.country, context.trace);
  const manifest = await inSpan('manifest signing', context.trace, () =>
    context.signer.sign({
      sessionId,
      accountId: grant.accountId,
      profileId: grant.profileId,
      titleId: grant.titleId,
      durationSeconds: title.durationSeconds,
      variants: plan.variants,
      drm: plan.drm,
      cdns,
      abr: abrHints(plan.variants, request.network),
      traceId: spanContextOf(context.trace)?.traceId ?? null,
      prefetch: request.intent === 'PREFETCH',
    }),
  );
  logger.info(MANIFEST_LOG[request.intent], {
    sid: sessionId,
    titleId: grant.titleId,
    grantId: grant.grantId,
    ...traceFields(context.trace),
  });
  return {
    decision: { allowed: true, reason: 'GRANTED', message: entitlement.message, prompt: null },
    manifest,
    note: { sessionId, device },
  };
}

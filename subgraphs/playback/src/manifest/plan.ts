/**
 * The device check (docs/play-contract.md): whether a granted title can actually be played on this
 * device, and with what. Runs after the entitlement decision; it only ever turns a grant into
 * DEVICE_UNSUPPORTED.
 */
import type { RuleTrace } from '@contracts/ruleChecks';
import type { Encoding } from './encoding';
import type { DeviceCapabilities } from './device';
import { chooseDrm, type DrmChoice, type DrmDecision } from './drm';
import { selectVariants, type Variant } from './variants';

export interface PlaybackPlanInput {
  encodings: readonly Encoding[];
  drmRequired: boolean;
  device: DeviceCapabilities;
  /** Height cap of the grant: `TIER_HEIGHT_CAP[tier]` for a subscription grant, null otherwise. */
  heightCap: number | null;
  licenseBaseUrl: string;
  /** The new playback session id; it ends up in the licence URL. */
  sessionId: string;
}

/**
 * Either what the manifest carries (`variants` never empty; `drm` null when the title needs none), or
 * why the device cannot play the title. `detail` is for logs, not for viewers.
 */
export type PlaybackPlan =
  | { playable: true; variants: Variant[]; drm: DrmChoice | null }
  | { playable: false; reason: 'DEVICE_UNSUPPORTED'; detail: string };

function describeDevice(device: DeviceCapabilities): string {
  const hdr = device.hdr.length > 0 ? device.hdr.join(',') : 'SDR only';
  return `codecs ${device.codecs.join(',') || 'none'}, maxHeight ${device.maxHeight}, ${hdr}`;
}

/**
 * Plans playback of a granted title on a device; given a `trace` (`explainPlay`), records the DEVICE
 * rule with every encoding kept or dropped and the DRM choice.
 *
 * Refuses with DEVICE_UNSUPPORTED when no encoding is playable on the device, or when the title
 * requires DRM and the device lists no DRM system. Both checks always run, so `detail` names every
 * problem at once and a device team can fix them in one go.
 */
export function planPlayback(input: PlaybackPlanInput, trace?: RuleTrace): PlaybackPlan {
  const { encodings, drmRequired, device, heightCap, licenseBaseUrl, sessionId } = input;
  const evidence: string[] | undefined = trace ? [] : undefined;
  const variants = selectVariants(encodings, device, heightCap, evidence);
  const drm = chooseDrm(drmRequired, device, licenseBaseUrl, sessionId);
  if (trace && evidence) {
    evidence.push(drmEvidence(drm, device));
    if (variants.length > 0 && drm.kind !== 'UNSUPPORTED') trace.passed('DEVICE', evidence);
    else trace.failed('DEVICE', evidence);
  }

  const problems: string[] = [];
  if (variants.length === 0) {
    problems.push(`no encoding is playable on device ${device.id} (${describeDevice(device)})`);
  }
  if (drm.kind === 'UNSUPPORTED') {
    problems.push(`the title requires DRM and device ${device.id} lists no DRM system`);
  }
  if (problems.length > 0) {
    return { playable: false, reason: 'DEVICE_UNSUPPORTED', detail: problems.join('; ') };
  }
  return { playable: true, variants, drm: drm.kind === 'CHOSEN' ? drm.choice : null };
}

function drmEvidence(drm: DrmDecision, device: DeviceCapabilities): string {
  switch (drm.kind) {
    case 'NOT_REQUIRED':
      return 'The title needs no DRM.';
    case 'CHOSEN':
      return `The title needs DRM: ${drm.choice.system}, the first the device lists (${device.drm.join(', ')}).`;
    case 'UNSUPPORTED':
      return 'The title needs DRM and the device lists no DRM system.';
  }
}

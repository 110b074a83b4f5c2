import {
  PLAY_DECISIONS_EXTENSION,
  type PlaybackDecisionNote,
  type RecordedRule,
} from '@contracts/decisionNotes';
import { subgraphFetch } from '@testing/subgraphFetch';
import type { SubgraphAnswer } from '../fetch/pipeline';
import { SubgraphUnavailableError } from '../fetch/unavailable';
import type { EvidenceSink } from '../request/playEvidence';
import { decisionEvidenceStage } from './evidence';

const ENTITIES =
  'query($representations:[_Any!]!){_entities(representations:$representations){...on PlaySession{decision{reason}}}}';
const RULES: RecordedRule[] = [
  { rule: 'TITLE_EXISTS', outcome: 'PASSED', evidence: ['The catalog has title t-1.'] },
  { rule: 'ENTITLEMENT', outcome: 'FAILED', evidence: ['The account has no subscription.'] },
];
const NOTE: PlaybackDecisionNote = {
  sessionId: null,
  device: { rule: 'DEVICE', outcome: 'NOT_REACHED', evidence: [] },
};

function fetchOf(representations: unknown[], evidence: EvidenceSink | null = new Map()) {
  return subgraphFetch('playback', ENTITIES, { variables: { representations }, evidence });
}

const session = (id: string, rules: unknown = RULES) => ({
  __typename: 'PlaySession',
  id,
  entitlement: { allowed: false, reason: 'SUBSCRIPTION_REQUIRED', rules },
});

describe('the decision evidence stage', () => {
  it("keeps each session's entitlement rules and playback's note, and takes the note out of the answer", async () => {
    const fetch = fetchOf([session('ps-1'), session('ps-2')]);
    const answer = await decisionEvidenceStage(async () => ({
      data: { _entities: [] },
      extensions: { [PLAY_DECISIONS_EXTENSION]: [{ playSessionId: 'ps-1', ...NOTE }], other: 1 },
    }))(fetch);
    expect(answer.extensions).toEqual({ other: 1 });
    expect(fetch.evidence!.get('ps-1')).toEqual({ entitlementRules: RULES, note: NOTE });
    expect(fetch.evidence!.get('ps-2')).toEqual({ entitlementRules: RULES, note: null });
  });

  it('sends playback the entitlement without its rules, which it does not read', async () => {
    const fetch = fetchOf([session('ps-1'), { __typename: 'PlaySession', id: 'ps-2', entitlement: null }]);
    let sent: unknown;
    await decisionEvidenceStage(async (forwarded) => {
      sent = forwarded.variables.representations;
      return { data: { _entities: [] } };
    })(fetch);
    expect(sent).toEqual([
      {
        __typename: 'PlaySession',
        id: 'ps-1',
        entitlement: { allowed: false, reason: 'SUBSCRIPTION_REQUIRED' },
      },
      { __typename: 'PlaySession', id: 'ps-2', entitlement: null },
    ]);
    expect(fetch.evidence!.get('ps-1')!.entitlementRules).toEqual(RULES);
    expect(fetch.evidence!.get('ps-2')).toEqual({ entitlementRules: null, note: null });
  });

  it('reads the notes of a playback that still keys them by play session id', async () => {
    const fetch = fetchOf([session('ps-1')]);
    await decisionEvidenceStage(async () => ({
      data: { _entities: [] },
      extensions: { [PLAY_DECISIONS_EXTENSION]: { 'ps-1': NOTE } },
    }))(fetch);
    expect(fetch.evidence!.get('ps-1')).toEqual({ entitlementRules: RULES, note: NOTE });
  });

  it('keeps the rules of a fetch that failed, for the record of the fallback that answered', async () => {
    const fetch = fetchOf([session('ps-1')]);
    await expect(
      decisionEvidenceStage(async () => {
        throw new SubgraphUnavailableError('timeout', 'no replica answered');
      })(fetch),
    ).rejects.toThrow(SubgraphUnavailableError);
    expect(fetch.evidence!.get('ps-1')).toEqual({ entitlementRules: RULES, note: null });
  });

  it('records no rules from a default entitlement or malformed ones, and no malformed note', async () => {
    const fetch = fetchOf([
      session('ps-1', []),
      session('ps-2', [{ rule: 'NOPE', outcome: 'PASSED', evidence: [] }]),
    ]);
    await decisionEvidenceStage(async () => ({
      data: {},
      extensions: {
        [PLAY_DECISIONS_EXTENSION]: [
          { playSessionId: 'ps-1', sessionId: 7, device: NOTE.device },
          { playSessionId: 'ps-2', ...NOTE, device: { rule: 'DEVICE', outcome: 'MAYBE', evidence: [] } },
        ],
      },
    }))(fetch);
    expect(fetch.evidence!.get('ps-1')).toEqual({ entitlementRules: null, note: null });
    expect(fetch.evidence!.get('ps-2')).toEqual({ entitlementRules: null, note: null });
  });

  it('passes every other fetch through untouched', async () => {
    const answer: SubgraphAnswer = { data: {}, extensions: { [PLAY_DECISIONS_EXTENSION]: [] } };
    const titles = fetchOf([{ __typename: 'Title', id: 't-1' }]);
    expect(await decisionEvidenceStage(async () => answer)(titles)).toBe(answer);
    expect(titles.evidence!.size).toBe(0);
    // A request that decides no play has no sink.
    expect(await decisionEvidenceStage(async () => answer)(fetchOf([session('ps-1')], null))).toBe(answer);
  });
});

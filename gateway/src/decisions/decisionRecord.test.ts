import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { RecordedRule } from '@contracts/decisionNotes';
import { decisionRecord, type RecordInputs } from './decisionRecord';
import { playAsked, playFieldsOf } from './playFields';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    play(input: PlayInput!): PlaySession!
    prefetch(input: PlayInput!): PlaySession!
    title(id: ID!): String
  }
  type Mutation {
    startPlayback(input: StartInput!): PlaySession!
  }
  input PlayInput {
    titleId: ID!
    profileId: ID!
    device: DeviceInput!
  }
  input DeviceInput {
    type: String!
  }
  input StartInput {
    manifest: String!
    play: PlayInput!
  }
  type PlaySession {
    id: ID!
  }
`);

const operation = (source: string) =>
  parse(source).definitions.find(
    (node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION,
  )!;

const ENTITLEMENT_RULES: RecordedRule[] = [{ rule: 'ENTITLEMENT', outcome: 'PASSED', evidence: ['Bought.'] }];
const DEVICE: RecordedRule = { rule: 'DEVICE', outcome: 'PASSED', evidence: ['AVC 1080 plays.'] };
const INPUT = { titleId: 't-1', profileId: 'p-1', device: { type: 'TV' } };

function inputs(overrides: Partial<RecordInputs> = {}): RecordInputs {
  const [field] = playFieldsOf(schema, operation('query($input: PlayInput!) { play(input: $input) { id } }'));
  return {
    field: field!,
    asked: playAsked(field!, { input: INPUT })!,
    answer: { id: 'ps-1', decision: { allowed: true, reason: 'GRANTED' } },
    caller: { accountId: 'u-1', country: 'CA', roles: ['viewer'] },
    evidence: new Map([
      ['ps-1', { entitlementRules: ENTITLEMENT_RULES, note: { sessionId: 'sid-1', device: DEVICE } }],
    ]),
    degraded: [],
    traceId: 'a'.repeat(32),
    at: new Date('2026-12-01T21:04:00.000Z'),
    ...overrides,
  };
}

describe('a decision record', () => {
  it("holds a grant's manifest session, the request, the rules as they ran and the trace", () => {
    expect(decisionRecord(inputs())).toEqual({
      sessionId: 'sid-1',
      at: '2026-12-01T21:04:00.000Z',
      accountId: 'u-1',
      profileId: 'p-1',
      titleId: 't-1',
      country: 'CA',
      deviceType: 'TV',
      intent: 'PLAY',
      allowed: true,
      reason: 'GRANTED',
      rules: [...ENTITLEMENT_RULES, DEVICE],
      degraded: [],
      traceId: 'a'.repeat(32),
    });
  });

  it("gives a refusal an id of its own, and a fallback's decision no rules but what stood in", () => {
    const record = decisionRecord(
      inputs({
        answer: { id: 'ps-1', decision: { allowed: false, reason: 'TEMPORARILY_UNAVAILABLE' } },
        evidence: new Map([['ps-1', { entitlementRules: null, note: null }]]),
        degraded: [
          { path: ['play', 'decision'], subgraph: 'playback', fallback: 'DEFAULT', ageSeconds: null },
          { path: ['title', 'name'], subgraph: 'catalog', fallback: 'STALE', ageSeconds: 30 },
        ],
      }),
    )!;
    expect(record.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(record.rules).toEqual([]);
    expect(record.degraded).toEqual([
      { path: 'play.decision', subgraph: 'playback', fallback: 'DEFAULT', ageSeconds: null },
    ]);
  });

  it('keeps no rules for a play session a fallback stood in for', () => {
    const record = decisionRecord(
      inputs({
        answer: { id: 'stand-in', decision: { allowed: false, reason: 'TEMPORARILY_UNAVAILABLE' } },
        degraded: [{ path: ['play'], subgraph: 'playback', fallback: 'DEFAULT', ageSeconds: null }],
      }),
    )!;
    expect(record.rules).toEqual([]);
  });

  it('marks the device rule not reached when playback did not answer', () => {
    const record = decisionRecord(
      inputs({ evidence: new Map([['ps-1', { entitlementRules: ENTITLEMENT_RULES, note: null }]]) }),
    )!;
    expect(record.rules.at(-1)).toEqual({ rule: 'DEVICE', outcome: 'NOT_REACHED', evidence: [] });
  });

  it('is not made for an answer without a decision, or a caller without an account', () => {
    expect(decisionRecord(inputs({ answer: { id: 'ps-1' } }))).toBeNull();
    expect(decisionRecord(inputs({ caller: { accountId: null, country: null } }))).toBeNull();
  });
});

describe('the fields that decide a play', () => {
  it('are play, prefetch and startPlayback, by alias, with what each asked', () => {
    const query = playFieldsOf(
      schema,
      operation(
        'query($input: PlayInput!) { a: play(input: $input) { id } prefetch(input: $input) { id } title(id: "x") }',
      ),
    );
    expect(query.map(({ responseKey, intent }) => [responseKey, intent])).toEqual([
      ['a', 'PLAY'],
      ['prefetch', 'PREFETCH'],
    ]);
    const [start] = playFieldsOf(
      schema,
      operation('mutation($input: StartInput!) { startPlayback(input: $input) { id } }'),
    );
    expect(playAsked(start!, { input: { manifest: 'jws', play: INPUT } })).toEqual({
      titleId: 't-1',
      profileId: 'p-1',
      deviceType: 'TV',
    });
    expect(playAsked(start!, { input: 'nonsense' })).toBeNull();
  });

  it('reads what was asked from a literal argument too, and nothing from an input without ids', () => {
    const [literal] = playFieldsOf(
      schema,
      operation('{ play(input: { titleId: "t-2", profileId: "p-2", device: { type: "WEB" } }) { id } }'),
    );
    expect(playAsked(literal!, {})).toEqual({ titleId: 't-2', profileId: 'p-2', deviceType: 'WEB' });
    const [play] = playFieldsOf(
      schema,
      operation('query($input: PlayInput!) { play(input: $input) { id } }'),
    );
    expect(playAsked(play!, { input: INPUT })).toEqual({
      titleId: 't-1',
      profileId: 'p-1',
      deviceType: 'TV',
    });
    expect(playAsked(play!, { input: { ...INPUT, profileId: null } })).toBeNull();
  });
});

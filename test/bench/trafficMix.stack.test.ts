/**
 * The benchmark's traffic mix (simulator/trafficMix.ts) through the whole graph in one process: what
 * `npm run bench` measures must be answers, not errors, and its refusals must be the rules' own.
 */
import { readFileSync } from 'node:fs';
import { documentIds } from '../../clients/__generated__/documentIds';
import { DEMO_DATASET_PATH } from '@platform/dataset/load';
import type { Dataset } from '@platform/dataset/model';
import { startInProcessStack, type InProcessStack } from '@testing/inProcessStack';
import { Seed } from '@testing/seed';
import { DEFAULT_TRAFFIC_MIX, planTrafficMix, withTrafficMix } from '../../simulator/trafficMix';

const demo = JSON.parse(readFileSync(DEMO_DATASET_PATH, 'utf8')) as Dataset;
const mix = planTrafficMix(demo, { ...DEFAULT_TRAFFIC_MIX, requests: 400 });

describe('the benchmark traffic mix through the graph', () => {
  let stack: InProcessStack;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    stack = await startInProcessStack(Seed.of(withTrafficMix(demo, mix)));
    for (const { accountId } of mix.requests) {
      if (!tokens.has(accountId)) tokens.set(accountId, await stack.tokenFor(accountId));
    }
  }, 60_000);

  afterAll(() => stack?.stop());

  it('is answered without an error, with plays granted mostly and refused for the rules’ reasons', async () => {
    const reasons = new Map<string, number>();
    const errors: unknown[] = [];
    for (const request of mix.requests) {
      const { status, json } = await stack.graphql(
        { documentId: documentIds[request.operation], variables: request.variables },
        { authorization: `Bearer ${tokens.get(request.accountId)}`, 'x-country': request.country },
      );
      if (status !== 200 || json.errors) errors.push({ request, status, errors: json.errors });
      if (request.kind !== 'play') continue;
      const reason = (json.data as { play?: { decision: { reason: string } } } | undefined)?.play?.decision
        .reason;
      if (reason) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    expect(errors).toEqual([]);
    const plays = [...reasons.values()].reduce((sum, count) => sum + count, 0);
    expect(plays).toBe(mix.requests.filter((request) => request.kind === 'play').length);
    const refused = plays - (reasons.get('GRANTED') ?? 0);
    expect(refused / plays).toBeGreaterThan(0.05);
    expect(refused / plays).toBeLessThan(0.3);
    expect(reasons.size).toBeGreaterThanOrEqual(4);
  }, 120_000);
});

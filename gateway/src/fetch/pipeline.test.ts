import { subgraphFetch } from '@testing/subgraphFetch';
import { composeStages, type FetchStage } from './pipeline';

describe('composing fetch stages', () => {
  it('runs the first stage outermost: it sees the fetch first and the answer last', async () => {
    const seen: string[] = [];
    const stage =
      (name: string): FetchStage =>
      (next) =>
      async (fetch) => {
        seen.push(`${name} in`);
        const answer = await next(fetch);
        seen.push(`${name} out`);
        return answer;
      };
    const handler = composeStages([stage('outer'), stage('inner')], async () => {
      seen.push('send');
      return { data: { ok: true } };
    });
    await expect(handler(subgraphFetch('catalog', '{ titles { id } }'))).resolves.toEqual({
      data: { ok: true },
    });
    expect(seen).toEqual(['outer in', 'inner in', 'send', 'inner out', 'outer out']);
  });

  it('is the send itself when there are no stages', async () => {
    const send = async () => ({ data: null });
    expect(composeStages([], send)).toBe(send);
  });
});

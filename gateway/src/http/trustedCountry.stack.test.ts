/**
 * The country comes from a trusted hop: the real gateway and subgraphs in process, a title licensed
 * in the US only, and the same request with `x-country: US` from loopback, trusted or not.
 */
import { print } from 'graphql';
import { PlayDocument } from '../../../clients/__generated__/operations';
import { startInProcessStack, type InProcessStack } from '@testing/inProcessStack';
import { Seed } from '@testing/seed';
import { TrustedProxies } from './trustedProxies';

const seed = new Seed()
  .subscriber('acct-us', 'PREMIUM')
  .profile('prof-us', 'acct-us')
  .title('t-us-only', { countries: ['US'] })
  .cdn('cdn-global');

const TV = {
  id: 'tv-1',
  type: 'TV',
  codecs: ['H264', 'HEVC'],
  maxHeight: 2160,
  hdr: ['HDR10'],
  drm: ['WIDEVINE'],
};

async function playFromUs(stack: InProcessStack) {
  const { status, json } = await stack.graphql(
    {
      query: print(PlayDocument),
      variables: { input: { titleId: 't-us-only', profileId: 'prof-us', device: TV } },
    },
    { authorization: `Bearer ${await stack.tokenFor('acct-us')}`, 'x-country': 'US' },
  );
  const play = (json.data as { play?: { decision: { reason: string; allowed: boolean }; manifest: unknown } })
    ?.play;
  return { status, reason: play?.decision.reason, allowed: play?.decision.allowed, manifest: play?.manifest };
}

describe('x-country', () => {
  it('is believed from a trusted proxy: a US-only title plays for `x-country: US`', async () => {
    const stack = await startInProcessStack(seed, { http: { trustedProxies: TrustedProxies.loopback } });
    try {
      await expect(playFromUs(stack)).resolves.toMatchObject({
        status: 200,
        reason: 'GRANTED',
        allowed: true,
      });
    } finally {
      await stack.stop();
    }
  });

  it('is ignored from an untrusted peer: the same request is refused GEO_RESTRICTED, with no manifest', async () => {
    const stack = await startInProcessStack(seed, { http: { trustedProxies: TrustedProxies.none } });
    try {
      await expect(playFromUs(stack)).resolves.toEqual({
        status: 200,
        reason: 'GEO_RESTRICTED',
        allowed: false,
        manifest: null,
      });
    } finally {
      await stack.stop();
    }
  });
});

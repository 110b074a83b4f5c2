import type { PlayQuery } from '../../../clients/__generated__/operations';
import type { DeviceModel } from './deviceModels';
import type { GraphQLAnswer } from './legacyErrors';
import { playAnswer } from './playAnswer';

const TV: DeviceModel = {
  model: 'acme-tv-2015',
  name: 'Acme TV (2015)',
  type: 'TV',
  codecs: ['H264'],
  maxHeight: 1080,
  hdr: [],
  drm: ['PLAYREADY'],
};

const graphql = (
  play: PlayQuery['play'] | null,
  extra: Partial<GraphQLAnswer['json']> = {},
  status = 200,
): GraphQLAnswer => ({ status, headers: {}, json: { data: play ? { play } : null, ...extra } });

const GRANTED: PlayQuery['play'] = {
  id: 'play-1',
  decision: { allowed: true, reason: 'GRANTED', message: 'Enjoy the show.', prompt: null },
  manifest: { jws: 'eyJ.a.b', keyId: 'manifest-1', expiresAt: 1_900_000_000 },
  title: { id: 't-1', name: 'One' },
};

const PURCHASE_REQUIRED: PlayQuery['play'] = {
  id: 'play-2',
  decision: {
    allowed: false,
    reason: 'PURCHASE_REQUIRED',
    message: 'Rent or buy this title to watch it.',
    prompt: {
      action: 'RENT',
      offers: [
        { type: 'RENTAL', tier: null, priceCents: 499, currency: 'USD', rentalHours: 48 },
        { type: 'PURCHASE', tier: null, priceCents: 1999, currency: 'USD', rentalHours: null },
      ],
    },
  },
  manifest: null,
  title: { id: 't-2', name: 'Two' },
};

describe('playAnswer', () => {
  it('turns a grant into allowed, the manifest and no offers', () => {
    expect(playAnswer(graphql(GRANTED), TV)).toEqual({
      status: 200,
      body: {
        allowed: true,
        reason: 'GRANTED',
        message: 'Enjoy the show.',
        action: null,
        offers: [],
        manifest: { jws: 'eyJ.a.b', keyId: 'manifest-1', expiresAt: 1_900_000_000 },
        title: { id: 't-1', name: 'One' },
        playId: 'play-1',
        device: { model: 'acme-tv-2015', name: 'Acme TV (2015)' },
        degraded: false,
        degradedParts: [],
      },
    });
  });

  it('turns a refusal into a 200 with allowed false, the action and every offer in order', () => {
    const { status, body } = playAnswer(graphql(PURCHASE_REQUIRED), TV);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      allowed: false,
      reason: 'PURCHASE_REQUIRED',
      action: 'RENT',
      manifest: null,
      offers: [
        { type: 'RENTAL', tier: null, priceCents: 499, currency: 'USD', rentalHours: 48 },
        { type: 'PURCHASE', tier: null, priceCents: 1999, currency: 'USD', rentalHours: null },
      ],
    });
  });

  it('keeps a fallback decision a 200 refusal, and says which part was degraded', () => {
    const unavailable: PlayQuery['play'] = {
      ...GRANTED,
      decision: {
        allowed: false,
        reason: 'TEMPORARILY_UNAVAILABLE',
        message: 'Try again in a few minutes.',
        prompt: null,
      },
      manifest: null,
    };
    const answer = playAnswer(
      graphql(unavailable, {
        extensions: {
          degraded: [
            { path: ['play', 'decision'], subgraph: 'entitlements', fallback: 'DEFAULT', ageSeconds: null },
          ],
        },
      }),
      TV,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      allowed: false,
      reason: 'TEMPORARILY_UNAVAILABLE',
      degraded: true,
      degradedParts: [
        { path: 'play.decision', subgraph: 'entitlements', fallback: 'DEFAULT', ageSeconds: null },
      ],
    });
  });

  it('answers 503 when the response holds no decision at all', () => {
    const answer = playAnswer(graphql(null, { errors: [{ message: 'boom' }] }), TV);
    expect(answer.status).toBe(503);
    expect(answer.headers).toEqual({ 'retry-after': '60' });
    expect(answer.body).toEqual({ error: { code: 'UNAVAILABLE', message: expect.any(String) } });
  });

  it('keeps the pipeline refusals a device acts on: 401, and 429 with its Retry-After', () => {
    const unauthenticated = playAnswer(
      graphql(
        null,
        {
          errors: [
            { message: 'The bearer token is invalid or expired', extensions: { code: 'UNAUTHENTICATED' } },
          ],
        },
        401,
      ),
      TV,
    );
    expect(unauthenticated).toEqual({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: 'The bearer token is invalid or expired' } },
    });
    const limited = playAnswer(
      {
        status: 429,
        headers: { 'retry-after': '7' },
        json: { errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }] },
      },
      TV,
    );
    expect(limited).toEqual({
      status: 429,
      headers: { 'retry-after': '7' },
      body: { error: { code: 'RATE_LIMITED', message: 'Too many requests', retryAfterSeconds: 7 } },
    });
  });

  it('answers a trusted-document refusal as the gateway’s own misconfiguration, not the device’s', () => {
    const answer = playAnswer(
      graphql(
        null,
        { errors: [{ message: 'not in list', extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } }] },
        400,
      ),
      TV,
    );
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ error: { code: 'INTERNAL_ERROR' } });
  });
});

import { GraphQLError } from 'graphql';
import {
  decodePlaySessionId,
  encodePlaySessionId,
  MAX_CAPABILITIES,
  MAX_ID_LENGTH,
  MAX_PLAY_SESSION_ID_LENGTH,
  toPlayRequest,
} from './playSessionId';

const REQUEST = {
  titleId: 't-premium-4k',
  profileId: 'p-premium-adult',
  device: {
    id: 'tv-1',
    type: 'TV',
    codecs: ['H264', 'HEVC'],
    maxHeight: 2160,
    hdr: ['HDR10'],
    drm: ['WIDEVINE'],
  },
  network: null,
};

/** The GraphQLError `toPlayRequest` throws for an input, or undefined when it accepts it. */
function refusalOf(input: unknown): GraphQLError | undefined {
  try {
    toPlayRequest(input);
    return undefined;
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
}

describe('play request validation', () => {
  it('accepts a device that lists each capability list up to the cap, repeats included', () => {
    const codecs = Array.from({ length: MAX_CAPABILITIES }, (_, index) => (index % 2 ? 'H264' : 'HEVC'));
    expect(refusalOf({ ...REQUEST, device: { ...REQUEST.device, codecs } })).toBeUndefined();
  });

  it.each(['codecs', 'hdr', 'drm'] as const)(
    'refuses more than the cap of %s with BAD_USER_INPUT naming the field and the cap',
    (field) => {
      const one = REQUEST.device[field][0]!;
      const device = { ...REQUEST.device, [field]: Array.from({ length: 60_000 }, () => one) };

      const refusal = refusalOf({ ...REQUEST, device });

      expect(refusal?.extensions.code).toBe('BAD_USER_INPUT');
      expect(refusal?.message).toBe(
        `Invalid play input at device.${field}: must list at most ${MAX_CAPABILITIES} entries`,
      );
    },
  );

  it.each([['titleId'], ['profileId'], ['device.id']])(
    'refuses a %s longer than the cap with BAD_USER_INPUT',
    (field) => {
      const long = 'x'.repeat(MAX_ID_LENGTH + 1);
      const input =
        field === 'device.id'
          ? { ...REQUEST, device: { ...REQUEST.device, id: long } }
          : { ...REQUEST, [field]: long };

      const refusal = refusalOf(input);

      expect(refusal?.extensions.code).toBe('BAD_USER_INPUT');
      expect(refusal?.message).toBe(
        `Invalid play input at ${field}: must be at most ${MAX_ID_LENGTH} characters`,
      );
    },
  );

  it('accepts ids of exactly the cap', () => {
    const id = 'x'.repeat(MAX_ID_LENGTH);
    expect(refusalOf({ ...REQUEST, titleId: id, profileId: id, device: { ...REQUEST.device, id } })).toBe(
      undefined,
    );
  });

  it('encodes the largest valid request into a session id well under the session id cap', () => {
    const id = 'x'.repeat(MAX_ID_LENGTH);
    const largest = toPlayRequest({
      titleId: id,
      profileId: id,
      device: {
        id,
        type: 'CONSOLE',
        codecs: Array.from({ length: MAX_CAPABILITIES }, () => 'H264'),
        maxHeight: Number.MAX_SAFE_INTEGER,
        hdr: Array.from({ length: MAX_CAPABILITIES }, () => 'DOLBY_VISION'),
        drm: Array.from({ length: MAX_CAPABILITIES }, () => 'PLAYREADY'),
      },
      network: { type: 'ETHERNET', downlinkKbps: Number.MAX_SAFE_INTEGER, metered: false },
    });

    const sessionId = encodePlaySessionId(largest);

    expect(sessionId.length).toBeLessThan(MAX_PLAY_SESSION_ID_LENGTH / 2);
    expect(decodePlaySessionId(sessionId)).toEqual(largest);
  });

  it('refuses a session id over the cap before decoding it', () => {
    const huge = `play1.${'A'.repeat(MAX_PLAY_SESSION_ID_LENGTH)}`;
    expect(() => decodePlaySessionId(huge)).toThrow(
      expect.objectContaining({ message: 'Not a play session id', extensions: { code: 'BAD_USER_INPUT' } }),
    );
  });
});

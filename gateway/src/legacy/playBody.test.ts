import { parsePlayBody } from './playBody';

const VALID = { titleId: 't-1', profileId: 'p-1', deviceModel: 'roku-3-4230' };

describe('parsePlayBody', () => {
  it('accepts the three ids, trimmed, and ignores fields it does not know', () => {
    expect(parsePlayBody({ ...VALID, titleId: ' t-1 ', firmware: '7.1' })).toEqual({
      ok: true,
      request: VALID,
    });
  });

  it('keeps an optional device id', () => {
    expect(parsePlayBody({ ...VALID, deviceId: 'install-1' })).toMatchObject({
      ok: true,
      request: { deviceId: 'install-1' },
    });
  });

  it.each([
    ['a missing field', { titleId: 't-1', profileId: 'p-1' }, '`deviceModel` is required'],
    ['a number for a string', { ...VALID, profileId: 42 }, '`profileId` must be a string'],
    ['an empty id', { ...VALID, titleId: '  ' }, '`titleId` must not be empty'],
    ['an overlong id', { ...VALID, titleId: 'x'.repeat(129) }, '`titleId` must be at most 128 characters'],
    ['an array', [VALID], 'The body must be a JSON object'],
    ['no body', undefined, 'The body must be a JSON object'],
  ])('answers 400 INVALID_BODY for %s', (_case, body, message) => {
    const parsed = parsePlayBody(body);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.answer.status).toBe(400);
    expect(parsed.answer.body).toEqual({
      error: { code: 'INVALID_BODY', message: expect.stringContaining(message) },
    });
  });

  it('names every bad field at once', () => {
    const parsed = parsePlayBody({ titleId: 1 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const { message } = (parsed.answer.body as { error: { message: string } }).error;
    expect(message).toContain('`titleId` must be a string');
    expect(message).toContain('`profileId` is required');
    expect(message).toContain('`deviceModel` is required');
  });
});

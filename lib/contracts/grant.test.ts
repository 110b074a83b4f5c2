import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSigningKey, loadVerificationKeys, type KeySource } from '@platform/keys/keyring';
import { InvalidGrantError, signGrant, verifyGrant, type GrantBinding } from './grant';

const binding: GrantBinding = { accountId: 'u-1', profileId: 'p-1', titleId: 't-1', country: 'US' };
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('entitlement grants', () => {
  const source: KeySource = { kind: 'development', dir: mkdtempSync(path.join(tmpdir(), 'grant-keys-')) };
  const otherSource: KeySource = {
    kind: 'development',
    dir: mkdtempSync(path.join(tmpdir(), 'grant-keys-')),
  };

  it('verifies a grant signed for exactly this request and returns its basis', async () => {
    const token = await signGrant(
      await loadSigningKey('grant', source),
      binding,
      { kind: 'SUBSCRIPTION', tier: 'BASIC' },
      inAnHour(),
    );
    const grant = await verifyGrant(await loadVerificationKeys('grant', source), token, binding);
    expect(grant).toMatchObject({ ...binding, basis: { kind: 'SUBSCRIPTION', tier: 'BASIC' } });
  });

  it.each([
    ['account', { accountId: 'u-2' }],
    ['profile', { profileId: 'p-2' }],
    ['title', { titleId: 't-2' }],
    ['country', { country: 'GB' }],
  ])('refuses a grant bound to another %s', async (_field, change) => {
    const token = await signGrant(
      await loadSigningKey('grant', source),
      binding,
      { kind: 'PURCHASE' },
      inAnHour(),
    );
    await expect(
      verifyGrant(await loadVerificationKeys('grant', source), token, { ...binding, ...change }),
    ).rejects.toThrow(InvalidGrantError);
  });

  it('refuses a grant signed by another key', async () => {
    const token = await signGrant(
      await loadSigningKey('grant', otherSource),
      binding,
      { kind: 'PURCHASE' },
      inAnHour(),
    );
    await expect(verifyGrant(await loadVerificationKeys('grant', source), token, binding)).rejects.toThrow(
      InvalidGrantError,
    );
  });

  it('refuses an expired grant', async () => {
    const token = await signGrant(
      await loadSigningKey('grant', source),
      binding,
      { kind: 'PURCHASE' },
      Math.floor(Date.now() / 1000) - 10,
    );
    await expect(verifyGrant(await loadVerificationKeys('grant', source), token, binding)).rejects.toThrow(
      /exp/,
    );
  });

  it('refuses an unsigned token that claims to be a grant', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ acct: 'u-1', sub: 'p-1', titleId: 't-1', ctry: 'US', basis: { kind: 'PURCHASE' } }),
    ).toString('base64url');
    await expect(
      verifyGrant(await loadVerificationKeys('grant', source), `${header}.${payload}.`, binding),
    ).rejects.toThrow(InvalidGrantError);
  });
});

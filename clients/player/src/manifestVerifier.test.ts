import { RemoteKeySet } from './keySet';
import { ManifestRejectedError, ManifestVerifier } from './manifestVerifier';
import { claimsFor, testSigner } from '../test/support/manifests';
import { VirtualClock } from '../test/support/virtualClock';

describe('ManifestVerifier', () => {
  it('accepts a manifest signed by a published key and returns its claims', async () => {
    const signer = await testSigner();
    const jws = await signer.sign(claimsFor());
    const verified = await new ManifestVerifier({ getKey: signer.getKey }).verify(jws, 'title-1');
    expect(verified.claims).toMatchObject({ sid: 'session-1', titleId: 'title-1' });
  });

  it('refuses a manifest whose payload was tampered with after signing', async () => {
    const signer = await testSigner();
    const [header, payload, signature] = (await signer.sign(claimsFor())).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    claims.abr.maxBitrateKbps = 100_000;
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    await expect(new ManifestVerifier({ getKey: signer.getKey }).verify(forged)).rejects.toThrow(
      ManifestRejectedError,
    );
  });

  it('refuses a manifest signed by a key the gateway does not publish', async () => {
    const published = await testSigner('same-kid');
    const impostor = await testSigner('same-kid');
    const jws = await impostor.sign(claimsFor());
    await expect(new ManifestVerifier({ getKey: published.getKey }).verify(jws)).rejects.toThrow(
      /not verifiable/,
    );
  });

  it('refuses an expired manifest, one for another title, and one without CDNs', async () => {
    const signer = await testSigner();
    const verifier = new ManifestVerifier({ getKey: signer.getKey });
    const expired = claimsFor({}, Date.now() - 5 * 3600 * 1000);
    await expect(verifier.verify(await signer.sign(expired))).rejects.toThrow(/ERR_JWT_EXPIRED/);
    await expect(verifier.verify(await signer.sign(claimsFor()), 'title-2')).rejects.toThrow(/title-1/);
    await expect(verifier.verify(await signer.sign(claimsFor({ cdns: [] })))).rejects.toThrow(/malformed/);
  });
});

describe('RemoteKeySet', () => {
  it('fetches the JWK Set once and serves later verifications from the cache', async () => {
    const signer = await testSigner();
    const urls: string[] = [];
    const keySet = new RemoteKeySet('https://gateway.test/.well-known/jwks.json', {
      clock: new VirtualClock(),
      fetch: async (url) => {
        urls.push(url);
        return Response.json(signer.jwks);
      },
    });
    const verifier = new ManifestVerifier({ getKey: keySet.getKey });
    await verifier.verify(await signer.sign(claimsFor()));
    await verifier.verify(await signer.sign(claimsFor({ sid: 'session-2' })));
    expect(urls).toEqual(['https://gateway.test/.well-known/jwks.json']);
  });

  it('looks for a rotated-in key once the cooldown is over, and not before', async () => {
    const oldKey = await testSigner('old');
    const newKey = await testSigner('new');
    const clock = new VirtualClock();
    let published = oldKey.jwks;
    let fetches = 0;
    const keySet = new RemoteKeySet('https://gateway.test/.well-known/jwks.json', {
      clock,
      cooldownMs: 30_000,
      fetch: async () => {
        fetches += 1;
        return Response.json(published);
      },
    });
    const verifier = new ManifestVerifier({ getKey: keySet.getKey });
    await verifier.verify(await oldKey.sign(claimsFor()));
    published = { keys: [...newKey.jwks.keys, ...oldKey.jwks.keys] };
    await expect(verifier.verify(await newKey.sign(claimsFor()))).rejects.toThrow(ManifestRejectedError);
    expect(fetches).toBe(1);
    await clock.runUntil(clock.sleep(30_001));
    await expect(verifier.verify(await newKey.sign(claimsFor()))).resolves.toBeDefined();
    expect(fetches).toBe(2);
  });
});

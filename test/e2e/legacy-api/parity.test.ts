/**
 * The legacy REST API answers as GraphQL does: for every account of the demo dataset, each of its
 * profiles and every title, `POST /v1/playback/start` and the GraphQL `play` of the same request (the
 * account's country in a trusted `x-country`, one device model per account) give the same decision,
 * message, offers and title, and a manifest on both or neither; the legacy manifest verifies against
 * the gateway's JWKS. About 600 pairs against the real processes of `npm start`.
 */
import { createLocalJWKSet, compactVerify, type JSONWebKeySet } from 'jose';
import { print } from 'graphql';
import { loadDataset } from '@platform/dataset/load';
import { PlayDocument, type PlayQuery } from '../../../clients/__generated__/operations';
import { legacyRequest } from '@testing/legacyApi';
import { Seed } from '@testing/seed';
import { startTestStack, type TestStack } from '@testing/stack';
import { DeviceModels, deviceInputFor } from '../../../gateway/src/legacy/deviceModels';
import type { LegacyPlayBody } from '../../../gateway/src/legacy/playAnswer';

const dataset = loadDataset();
const models = DeviceModels.load();

/** Runs `work` over `items`, `concurrency` at a time. */
async function eachLimited<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function decodePayload(jws: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('legacy REST API parity with GraphQL', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(Seed.of(dataset), {
      // Deadlines far above any fetch on a busy machine: a fallback would make the pair differ for
      // a reason that is not the legacy API's.
      SUBGRAPH_TIMEOUT_MS: '10000',
      SUBGRAPH_ATTEMPT_TIMEOUT_MS: '10000',
    });
  }, 120_000);
  afterAll(() => stack?.stop());

  it('answers every account × profile × title of the demo dataset as GraphQL `play` does', async () => {
    const jwks = (await (await fetch(`${stack.gatewayUrl}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    const keySet = createLocalJWKSet(jwks);
    const modelNames = models.names();
    const cases = dataset.users.flatMap((user, index) => {
      // One model per account, so the comparison covers TVs, boxes, consoles, phones and browsers.
      const model = models.find(modelNames[index % modelNames.length]!)!;
      return dataset.profiles
        .filter((profile) => profile.userId === user.id)
        .flatMap((profile) => dataset.titles.map((title) => ({ user, profile, title, model })));
    });
    const reasons = new Set<string>();
    let manifests = 0;
    const tokens = new Map(
      await Promise.all(dataset.users.map(async (user) => [user.id, await stack.tokenFor(user.id)] as const)),
    );

    await eachLimited(cases, 8, async ({ user, profile, title, model }) => {
      const headers = { authorization: `Bearer ${tokens.get(user.id)}`, 'x-country': user.country };
      const [graphql, old] = await Promise.all([
        stack.graphql(
          {
            query: print(PlayDocument),
            variables: {
              input: { titleId: title.id, profileId: profile.id, device: deviceInputFor(model, undefined) },
            },
          },
          headers,
        ),
        legacyRequest<LegacyPlayBody>(stack, '/v1/playback/start', {
          body: { titleId: title.id, profileId: profile.id, deviceModel: model.model },
          headers,
        }),
      ]);
      const what = `${user.id}/${profile.id}/${title.id} on ${model.model}`;
      expect({ what, status: graphql.status }).toEqual({ what, status: 200 });
      expect({ what, status: old.status }).toEqual({ what, status: 200 });
      const play = (graphql.json.data as PlayQuery).play;
      expect({ what, ...old.json, manifest: old.json.manifest !== null }).toMatchObject({
        what,
        allowed: play.decision.allowed,
        reason: play.decision.reason,
        message: play.decision.message,
        action: play.decision.prompt?.action ?? null,
        offers: play.decision.prompt?.offers ?? [],
        manifest: play.manifest !== null,
        title: play.title,
        device: { model: model.model, name: model.name },
        degraded: false,
      });
      reasons.add(old.json.reason);
      if (old.json.manifest && play.manifest) {
        manifests += 1;
        const verified = await compactVerify(old.json.manifest.jws, keySet);
        expect(verified.protectedHeader.kid).toBe(play.manifest.keyId);
        expect(old.json.manifest.keyId).toBe(play.manifest.keyId);
        expect(Object.keys(decodePayload(old.json.manifest.jws)).sort()).toEqual(
          Object.keys(decodePayload(play.manifest.jws)).sort(),
        );
      }
    });

    expect(cases.length).toBe(dataset.profiles.length * dataset.titles.length);
    // The comparison means something only if it saw grants and many kinds of refusal.
    expect(manifests).toBeGreaterThan(10);
    expect(reasons.size).toBeGreaterThanOrEqual(8);
  });
});

import { loadDataset } from '@platform/dataset/load';
import { createSubgraphHarness, temporaryKeysDir, type RunningSubgraph } from '@testing/subgraphHarness';
import { MemoryProfileRepository } from './data/memoryProfileRepository';
import { createProfilesServer } from './server';

const dataset = loadDataset();

const ME = /* GraphQL */ `
  query Me {
    me {
      id
      country
      profiles {
        id
        accountId
        name
        kind
        maxMaturity
      }
    }
  }
`;

const PROFILE_ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Profile {
        id
        accountId
        name
        kind
        maxMaturity
      }
    }
  }
`;

interface ProfileData {
  id: string;
  accountId: string;
  name: string;
  kind: 'ADULT' | 'KIDS';
  maxMaturity: number;
}

interface MeData {
  me: { id: string; country: string; profiles: ProfileData[] };
}

interface ProfileEntitiesData {
  _entities: (ProfileData | null)[];
}

/** A profile as the subgraph serves it, straight from the demo dataset. */
function servedProfile(id: string): ProfileData {
  const { userId, name, kind, maxMaturity } = dataset.profiles.find((profile) => profile.id === id)!;
  return { id, accountId: userId, name, kind, maxMaturity };
}

const profileRepresentations = (...ids: string[]) => ({
  representations: ids.map((id) => ({ __typename: 'Profile', id })),
});

describe('the profiles subgraph', () => {
  let profiles: RunningSubgraph;

  beforeAll(async () => {
    const harness = await createSubgraphHarness('profiles', temporaryKeysDir('profiles-keys-'));
    profiles = await harness.startSubgraph(
      createProfilesServer({
        repository: new MemoryProfileRepository(dataset.users, dataset.profiles),
        credentialVerifier: harness.verifier,
        logger: harness.logger,
        production: false,
      }),
    );
  });

  afterAll(() => profiles.stop());

  describe('me', () => {
    it("returns the caller's account with its profiles in creation order", async () => {
      const { status, body } = await profiles.query<MeData>({ query: ME });

      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        me: {
          id: 'u-premium',
          country: 'US',
          profiles: ['p-premium-adult', 'p-premium-teen', 'p-premium-kids'].map(servedProfile),
        },
      });
    });

    it('answers for whichever account the gateway credential names', async () => {
      const { body } = await profiles.query<MeData>(
        { query: ME },
        { caller: { accountId: 'u-standard', country: 'US' } },
      );

      expect(body.data!.me).toEqual({
        id: 'u-standard',
        country: 'GB',
        profiles: [servedProfile('p-standard-adult')],
      });
    });

    it('refuses with UNAUTHENTICATED when the credential carries no account', async () => {
      const { body } = await profiles.query<MeData>(
        { query: ME },
        { caller: { accountId: null, country: 'US' } },
      );

      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses with NOT_FOUND when the credential names an account that does not exist', async () => {
      const { body } = await profiles.query<MeData>(
        { query: ME },
        { caller: { accountId: 'u-nobody', country: 'US' } },
      );

      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('_entities', () => {
    it("resolves a profile of the caller's own account, with its accountId", async () => {
      const { status, body } = await profiles.query<ProfileEntitiesData>({
        query: PROFILE_ENTITIES,
        variables: profileRepresentations('p-premium-kids'),
      });

      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data!._entities).toEqual([
        { id: 'p-premium-kids', accountId: 'u-premium', name: 'Mia', kind: 'KIDS', maxMaturity: 7 },
      ]);
    });

    it("resolves another account's profile and an unknown profile alike to null, in order", async () => {
      const { body } = await profiles.query<ProfileEntitiesData>({
        query: PROFILE_ENTITIES,
        variables: profileRepresentations('p-basic-adult', 'p-premium-adult', 'p-does-not-exist'),
      });

      expect(body.errors).toBeUndefined();
      expect(body.data!._entities).toEqual([null, servedProfile('p-premium-adult'), null]);
    });

    it('resolves every profile to null for a credential without an account', async () => {
      const { body } = await profiles.query<ProfileEntitiesData>(
        { query: PROFILE_ENTITIES, variables: profileRepresentations('p-premium-adult') },
        { caller: { accountId: null, country: 'US' } },
      );

      expect(body.errors).toBeUndefined();
      expect(body.data!._entities).toEqual([null]);
    });

    it("resolves an Account only for the caller's own account", async () => {
      const { body } = await profiles.query<{
        _entities: ({ id: string; profiles: { id: string }[] } | null)[];
      }>({
        query: /* GraphQL */ `
          query Accounts($representations: [_Any!]!) {
            _entities(representations: $representations) {
              ... on Account {
                id
                profiles {
                  id
                }
              }
            }
          }
        `,
        variables: {
          representations: [
            { __typename: 'Account', id: 'u-premium' },
            { __typename: 'Account', id: 'u-basic' },
          ],
        },
      });

      expect(body.errors).toBeUndefined();
      expect(body.data!._entities).toEqual([
        {
          id: 'u-premium',
          profiles: [{ id: 'p-premium-adult' }, { id: 'p-premium-teen' }, { id: 'p-premium-kids' }],
        },
        null,
      ]);
    });
  });
});

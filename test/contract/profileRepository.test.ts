/**
 * The ProfileRepository contract: the embedded store, MongoDB and the cache in front of them answer the
 * same questions the same way.
 */
import { CachedProfileRepository } from '../../subgraphs/profiles/src/data/cachedProfileRepository';
import { MemoryProfileRepository } from '../../subgraphs/profiles/src/data/memoryProfileRepository';
import { MongoProfileRepository } from '../../subgraphs/profiles/src/data/mongoProfileRepository';
import type { ProfileRepository } from '../../subgraphs/profiles/src/data/profileRepository';
import { describeWithMongo } from '@testing/mongo';
import { contractDataset as dataset } from './contractDataset';

const POLICY = { freshMs: 60_000, maxStaleMs: 600_000, deadlineMs: 5_000 };
const profile = (id: string) => dataset.profiles.find((candidate) => candidate.id === id)!;
const account = (id: string) => dataset.users.find((candidate) => candidate.id === id)!;

function profileRepositoryContract(repository: () => ProfileRepository) {
  it('finds profiles by id in the order asked, with null for an unknown id', async () => {
    expect(await repository().findProfilesByIds(['p-nosub', 'p-missing', 'p-premium-1'])).toStrictEqual([
      profile('p-nosub'),
      null,
      profile('p-premium-1'),
    ]);
  });

  it("lists each account's profiles in creation order, and none for an account without profiles", async () => {
    expect(
      await repository().findProfilesByAccountIds(['u-premium', 'u-empty', 'u-missing', 'u-nosub']),
    ).toStrictEqual([[profile('p-premium-2'), profile('p-premium-1')], [], [], [profile('p-nosub')]]);
  });

  it('finds accounts by id with their subscription, whatever its status', async () => {
    expect(await repository().findAccountsByIds(['u-lapsed', 'u-missing', 'u-nosub'])).toStrictEqual([
      account('u-lapsed'),
      null,
      account('u-nosub'),
    ]);
  });
}

describe('MemoryProfileRepository', () => {
  profileRepositoryContract(() => MemoryProfileRepository.fromDataset(dataset));
});

describe('CachedProfileRepository over the embedded store', () => {
  const cached = new CachedProfileRepository(MemoryProfileRepository.fromDataset(dataset), POLICY);
  profileRepositoryContract(() => cached);
});

describeWithMongo('MongoProfileRepository', dataset, (database) => {
  profileRepositoryContract(() => new MongoProfileRepository(database.store));

  it('reads each kind of batch with one find command', async () => {
    const repository = new MongoProfileRepository(database.store);
    database.resetCommands();

    await repository.findProfilesByIds(['p-nosub', 'p-lapsed', 'p-premium-1', 'p-missing']);
    await repository.findProfilesByAccountIds(['u-premium', 'u-nosub', 'u-empty']);
    await repository.findAccountsByIds(['u-premium', 'u-nosub', 'u-lapsed']);

    expect(database.commands('find').map((event) => event.command.find)).toEqual([
      'profiles',
      'profiles',
      'accounts',
    ]);
  });
});

/**
 * The EntitlementRepository contract: the embedded store, MongoDB and the cache in front of them answer
 * the same questions the same way.
 */
import { CachedEntitlementRepository } from '../../subgraphs/entitlements/src/data/cachedEntitlementRepository';
import type { EntitlementRepository } from '../../subgraphs/entitlements/src/data/entitlementRepository';
import { MemoryEntitlementRepository } from '../../subgraphs/entitlements/src/data/memoryEntitlementRepository';
import { MongoEntitlementRepository } from '../../subgraphs/entitlements/src/data/mongoEntitlementRepository';
import { describeWithMongo } from '@testing/mongo';
import { contractDataset as dataset } from './contractDataset';

const POLICY = { freshMs: 10_000, maxStaleMs: 300_000, deadlineMs: 5_000 };
const recordsOf = (accountId: string, titleId: string) =>
  dataset.entitlements.filter((record) => record.userId === accountId && record.titleId === titleId);
const byExpiry = <T extends { expiresAt: string | null }>(records: T[]) =>
  [...records].sort((a, b) => String(a.expiresAt).localeCompare(String(b.expiresAt)));

function entitlementRepositoryContract(repository: () => EntitlementRepository) {
  it("finds each account's subscription whatever its status, null for none or an unknown account", async () => {
    expect(
      await repository().findSubscriptions(['u-lapsed', 'u-nosub', 'u-missing', 'u-premium']),
    ).toStrictEqual([
      dataset.users.find((user) => user.id === 'u-lapsed')!.subscription,
      null,
      null,
      dataset.users.find((user) => user.id === 'u-premium')!.subscription,
    ]);
  });

  it('finds every rental and purchase of an account and title, in the order the pairs were asked', async () => {
    const [rentals, purchase, none] = await repository().findEntitlements([
      { accountId: 'u-nosub', titleId: 't-a' },
      { accountId: 'u-nosub', titleId: 't-b' },
      { accountId: 'u-empty', titleId: 't-a' },
    ]);

    expect(byExpiry(rentals!)).toStrictEqual(byExpiry(recordsOf('u-nosub', 't-a')));
    expect(purchase).toStrictEqual(recordsOf('u-nosub', 't-b'));
    expect(none).toEqual([]);
  });

  it("never hands one pair another account's or another title's records", async () => {
    const [premiumA, nosubC, premiumB] = await repository().findEntitlements([
      { accountId: 'u-premium', titleId: 't-a' },
      { accountId: 'u-nosub', titleId: 't-c' },
      { accountId: 'u-premium', titleId: 't-b' },
    ]);

    expect(premiumA).toEqual([]);
    expect(nosubC).toEqual([]);
    expect(premiumB).toStrictEqual(recordsOf('u-premium', 't-b'));
  });
}

describe('MemoryEntitlementRepository', () => {
  entitlementRepositoryContract(() => MemoryEntitlementRepository.fromDataset(dataset));
});

describe('CachedEntitlementRepository over the embedded store', () => {
  const cached = new CachedEntitlementRepository(MemoryEntitlementRepository.fromDataset(dataset), POLICY);
  entitlementRepositoryContract(() => cached);
});

describeWithMongo('MongoEntitlementRepository', dataset, (database) => {
  entitlementRepositoryContract(() => new MongoEntitlementRepository(database.store));

  it('reads a batch of account and title pairs with one find command on the account_title index', async () => {
    const repository = new MongoEntitlementRepository(database.store);
    database.resetCommands();

    await repository.findEntitlements([
      { accountId: 'u-nosub', titleId: 't-a' },
      { accountId: 'u-premium', titleId: 't-b' },
      { accountId: 'u-empty', titleId: 't-c' },
    ]);
    await repository.findSubscriptions(['u-nosub', 'u-premium', 'u-empty']);

    const finds = database.commands('find');
    expect(finds.map((event) => event.command.find)).toEqual(['entitlements', 'accounts']);
    expect(finds[0]!.command.filter).toEqual({
      userId: { $in: ['u-nosub', 'u-premium', 'u-empty'] },
      titleId: { $in: ['t-a', 't-b', 't-c'] },
    });
  });
});

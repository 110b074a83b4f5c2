import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
/**
 * The HistoryRepository contract: the embedded store and MongoDB keep watch history the same way,
 * and neither lets a replayed or late end duplicate an entry or roll it back.
 */
import { CachedHistoryRepository } from '../../subgraphs/playback/src/data/cachedHistoryRepository';
import {
  CONTINUE_WATCHING_LIMIT,
  type HistoryRepository,
  type PlaybackEnd,
} from '../../subgraphs/playback/src/data/historyRepository';
import { FileHistoryRepository } from '../../subgraphs/playback/src/data/fileHistoryRepository';
import { MemoryHistoryRepository } from '../../subgraphs/playback/src/data/memoryHistoryRepository';
import { MongoHistoryRepository } from '../../subgraphs/playback/src/data/mongoHistoryRepository';
import { collection } from '@platform/mongo/collections';
import { describeWithMongo } from '@testing/mongo';

let sessions = 0;
/** An end `minutesAfter` a fixed instant, for a fresh profile unless one is given. */
function end(
  profileId: string,
  titleId: string,
  minutesAfter: number,
  fields: Partial<PlaybackEnd> = {},
): PlaybackEnd {
  return {
    sessionId: `sid-${++sessions}`,
    accountId: 'acct-1',
    profileId,
    titleId,
    positionSeconds: minutesAfter * 60,
    completed: false,
    endedAt: new Date(Date.UTC(2026, 0, 1, 12, minutesAfter)).toISOString(),
    ...fields,
  };
}

let profiles = 0;
const freshProfile = () => `prof-${++profiles}`;
const owner = (profileId: string, accountId = 'acct-1') => ({ accountId, profileId });
const titlesOf = (rows: { titleId: string }[]) => rows.map((row) => row.titleId);

function historyRepositoryContract(repository: () => HistoryRepository) {
  it('lists a profile’s unfinished titles, most recent first, with where the viewer stopped', async () => {
    const profile = freshProfile();
    await repository().recordEnds([end(profile, 't-a', 1), end(profile, 't-b', 3), end(profile, 't-c', 2)]);

    const [row] = await repository().continueWatching([owner(profile)]);

    expect(row).toEqual([
      { titleId: 't-b', positionSeconds: 180, updatedAt: '2026-01-01T12:03:00.000Z' },
      { titleId: 't-c', positionSeconds: 120, updatedAt: '2026-01-01T12:02:00.000Z' },
      { titleId: 't-a', positionSeconds: 60, updatedAt: '2026-01-01T12:01:00.000Z' },
    ]);
  });

  it('leaves completed titles out, and an older end cannot bring them back', async () => {
    const profile = freshProfile();
    await repository().recordEnds([end(profile, 't-a', 5, { completed: true }), end(profile, 't-b', 1)]);
    await repository().recordEnds([end(profile, 't-a', 2)]);

    const [row] = await repository().continueWatching([owner(profile)]);

    expect(titlesOf(row!)).toEqual(['t-b']);
  });

  it('keeps the newest end per title whatever order ends arrive in, within a batch or across batches', async () => {
    const profile = freshProfile();
    const newest = end(profile, 't-a', 9);
    await repository().recordEnds([end(profile, 't-a', 4), newest, end(profile, 't-a', 7)]);
    await repository().recordEnds([end(profile, 't-a', 8), end(profile, 't-b', 1)]);

    const [row] = await repository().continueWatching([owner(profile)]);

    expect(row).toEqual([
      { titleId: 't-a', positionSeconds: 540, updatedAt: newest.endedAt },
      { titleId: 't-b', positionSeconds: 60, updatedAt: expect.any(String) },
    ]);
  });

  it('leaves the same history when a batch is applied again (a journal replay)', async () => {
    const profile = freshProfile();
    const batch = [end(profile, 't-a', 1), end(profile, 't-b', 2), end(profile, 't-a', 3)];
    await repository().recordEnds(batch);
    const [once] = await repository().continueWatching([owner(profile)]);

    await repository().recordEnds(batch);
    await repository().recordEnds(batch.slice(1));
    const [twice] = await repository().continueWatching([owner(profile)]);

    expect(twice).toEqual(once);
    expect(titlesOf(twice!)).toEqual(['t-a', 't-b']);
  });

  it('applies the fresh ends of a batch that also holds stale ones', async () => {
    const profile = freshProfile();
    await repository().recordEnds([end(profile, 't-a', 10), end(profile, 't-c', 10)]);

    await repository().recordEnds([
      end(profile, 't-a', 1),
      end(profile, 't-b', 2),
      end(profile, 't-c', 3),
      end(profile, 't-d', 4),
    ]);
    const [row] = await repository().continueWatching([owner(profile)]);

    expect(row!.map((item) => [item.titleId, item.positionSeconds])).toEqual([
      ['t-a', 600],
      ['t-c', 600],
      ['t-d', 240],
      ['t-b', 120],
    ]);
  });

  it('answers several profiles in one call, and only for the account the history was written for', async () => {
    const [first, second] = [freshProfile(), freshProfile()];
    await repository().recordEnds([end(first, 't-a', 1), end(second, 't-b', 1)]);

    const rows = await repository().continueWatching([
      owner(second),
      owner(first),
      owner(first, 'acct-other'),
      owner('prof-nobody'),
    ]);

    expect(rows.map(titlesOf)).toEqual([['t-b'], ['t-a'], [], []]);
  });

  it(`lists at most ${CONTINUE_WATCHING_LIMIT} titles per profile`, async () => {
    const profile = freshProfile();
    await repository().recordEnds(
      Array.from({ length: CONTINUE_WATCHING_LIMIT + 5 }, (_, index) => end(profile, `t-${index}`, index)),
    );

    const [row] = await repository().continueWatching([owner(profile)]);

    expect(row).toHaveLength(CONTINUE_WATCHING_LIMIT);
    expect(row![0]!.titleId).toBe(`t-${CONTINUE_WATCHING_LIMIT + 4}`);
  });
}

const POLICY = { freshMs: 1, maxStaleMs: 600_000, deadlineMs: 5_000 };

describe('MemoryHistoryRepository', () => {
  const memory = new MemoryHistoryRepository();
  historyRepositoryContract(() => memory);
});

describe('FileHistoryRepository (the embedded store that playback replicas share)', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'history-')), 'history.json');
  historyRepositoryContract(() => new FileHistoryRepository(file));

  it('lets one replica read what another replica wrote', async () => {
    const [writer, reader] = [new FileHistoryRepository(file), new FileHistoryRepository(file)];
    const end = {
      sessionId: 'sid-shared',
      accountId: 'acct-shared',
      profileId: 'prof-shared',
      titleId: 't-shared',
      positionSeconds: 42,
      completed: false,
      endedAt: new Date().toISOString(),
    };
    await reader.continueWatching([{ accountId: 'acct-shared', profileId: 'prof-shared' }]);
    await writer.recordEnds([end]);
    await expect(
      reader.continueWatching([{ accountId: 'acct-shared', profileId: 'prof-shared' }]),
    ).resolves.toEqual([[{ titleId: 't-shared', positionSeconds: 42, updatedAt: end.endedAt }]]);
  });
});

describe('CachedHistoryRepository over the embedded store', () => {
  const cached = new CachedHistoryRepository(new MemoryHistoryRepository(), POLICY);
  // Fresh for a millisecond: each read after a write goes back to the store.
  historyRepositoryContract(() => cached);
});

describeWithMongo('MongoHistoryRepository', null, (database) => {
  historyRepositoryContract(() => new MongoHistoryRepository(database.store));

  it('writes a batch with one bulkWrite and reads a batch of profiles with one find', async () => {
    const repository = new MongoHistoryRepository(database.store);
    const [first, second] = [freshProfile(), freshProfile()];
    database.resetCommands();

    await repository.recordEnds([end(first, 't-a', 1), end(second, 't-a', 1), end(first, 't-b', 2)]);
    await repository.continueWatching([owner(first), owner(second)]);

    expect(database.commands('update')).toHaveLength(1);
    expect(database.commands('find')).toHaveLength(1);
  });

  it('keeps one document per profile and title, holding the session that wrote it last', async () => {
    const repository = new MongoHistoryRepository(database.store);
    const profile = freshProfile();
    const last = end(profile, 't-a', 3);
    await repository.recordEnds([end(profile, 't-a', 1), last]);
    await repository.recordEnds([end(profile, 't-a', 2), last]);

    const documents = await collection(database.store.db, 'watchHistory')
      .find({ profileId: profile })
      .toArray();

    expect(documents).toEqual([
      {
        _id: `${profile}:t-a`,
        profileId: profile,
        accountId: 'acct-1',
        titleId: 't-a',
        sessionId: last.sessionId,
        positionSeconds: 180,
        completed: false,
        updatedAt: new Date(last.endedAt),
      },
    ]);
  });
});

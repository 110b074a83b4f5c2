/**
 * Watch history as the resolvers see it: `end` makes a session's end durable in the journal and
 * returns (the drainer writes it to the store in the background, and keeps trying while the store is
 * away); reads go to the repository, through its cache.
 */
import { z } from 'zod';
import { Journal } from '@platform/journal';
import type { Logger } from '@platform/log';
import type { HistoryRepository, PlaybackEnd } from '../data/historyRepository';

/** Longest position accepted, in seconds: no title runs a day. */
export const MAX_POSITION_SECONDS = 86_400;

/** What a journal line must hold to be applied; anything else is skipped (and logged) on replay. */
const playbackEndSchema = z.object({
  sessionId: z.string().min(1),
  accountId: z.string().min(1),
  profileId: z.string().min(1),
  titleId: z.string().min(1),
  positionSeconds: z.int().min(0).max(MAX_POSITION_SECONDS),
  completed: z.boolean(),
  endedAt: z.iso.datetime(),
});

export class WatchHistory {
  private constructor(
    private readonly journal: Journal<PlaybackEnd>,
    readonly repository: HistoryRepository,
  ) {}

  /**
   * @param journalFile this process's own journal (one per replica)
   * @param repository where entries end up; reads go here too
   */
  static async open(
    journalFile: string,
    repository: HistoryRepository,
    logger: Logger,
  ): Promise<WatchHistory> {
    const journal = await Journal.open<PlaybackEnd>({
      file: journalFile,
      apply: (ends) => repository.recordEnds(ends),
      parse: (value) => playbackEndSchema.parse(value),
      logger,
    });
    return new WatchHistory(journal, repository);
  }

  /** Resolves once the end is durable (not once it is in the store). */
  end(end: PlaybackEnd): Promise<void> {
    return this.journal.append(end);
  }

  /** Ends accepted but not yet in the store. */
  get pending(): number {
    return this.journal.pending;
  }

  /** Resolves once everything accepted so far is in the store (tests). */
  drained(): Promise<void> {
    return this.journal.drained();
  }

  close(): Promise<void> {
    return this.journal.close();
  }
}

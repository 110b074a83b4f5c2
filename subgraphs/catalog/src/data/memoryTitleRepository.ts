import type { Title } from '@platform/dataset/model';
import { isInsideLicenseWindow, isLicensedIn } from '@contracts/availability';
import type { TitlePage, TitleQuery, TitleRepository } from './titleRepository';

/** The embedded store: the dataset's titles in memory, sorted once in catalog order. */
export class MemoryTitleRepository implements TitleRepository {
  private readonly byId: Map<string, Title>;
  private readonly ordered: Title[];

  constructor(titles: readonly Title[]) {
    this.ordered = [...titles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.byId = new Map(this.ordered.map((title) => [title.id, title]));
  }

  async findByIds(ids: readonly string[]): Promise<(Title | null)[]> {
    return ids.map((id) => this.byId.get(id) ?? null);
  }

  async list({ genre, country, playableAt, afterId, limit }: TitleQuery): Promise<TitlePage> {
    const wanted = genre?.toLowerCase();
    const matching = this.ordered.filter(
      (title) =>
        (!wanted || title.genres.some((g) => g.toLowerCase() === wanted)) &&
        (country === undefined || isLicensedIn(title, country)) &&
        (playableAt === undefined || isInsideLicenseWindow(title, playableAt)),
    );
    const start = afterId === undefined ? 0 : matching.findIndex((title) => title.id > afterId);
    const rest = start === -1 ? [] : matching.slice(start);
    return { titles: rest.slice(0, limit), hasNextPage: rest.length > limit, totalCount: matching.length };
  }
}

import type { Cdn } from '@platform/dataset/model';
import type { CdnRepository } from './cdnRepository';

/** The embedded store: the dataset's CDNs. */
export class MemoryCdnRepository implements CdnRepository {
  constructor(private readonly cdns: readonly Cdn[]) {}

  async listCdns(): Promise<Cdn[]> {
    return [...this.cdns];
  }
}

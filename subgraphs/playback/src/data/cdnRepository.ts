import type { Cdn } from '@platform/dataset/model';

/** Where the CDN directory lives: the embedded store or MongoDB. */
export interface CdnRepository {
  /** Every CDN, whatever its regions and health. */
  listCdns(): Promise<Cdn[]>;
}

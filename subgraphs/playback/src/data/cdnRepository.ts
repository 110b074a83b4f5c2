import type { Cdn } from '@platform/dataset/model';
import type { TraceParent } from '@platform/tracing/spans';

/** Where the CDN directory lives: the embedded store or MongoDB. */
export interface CdnRepository {
  /**
   * Every CDN, whatever its regions and health. `parent`: the request it is read for, under which a
   * database read is traced (lib/platform/mongo/spans.ts); none, no span.
   */
  listCdns(parent?: TraceParent): Promise<Cdn[]>;
}

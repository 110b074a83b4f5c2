import type { SubgraphContext } from '@platform/subgraph/server';
import type { ProfilesLoaders } from '../data/loaders';

export interface ProfilesContext extends SubgraphContext {
  loaders: ProfilesLoaders;
}

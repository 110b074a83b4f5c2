import type { SubgraphContext } from '../../../lib/subgraph/server';
import type { ProfilesLoaders } from './data/loaders';

export interface ProfilesContext extends SubgraphContext {
  loaders: ProfilesLoaders;
}

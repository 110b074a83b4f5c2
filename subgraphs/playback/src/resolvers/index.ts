import type { Resolvers } from '../__generated__/resolvers';
import { ContinueWatchingItem } from './ContinueWatchingItem';
import { Mutation } from './Mutation';
import { PlayExplanation } from './PlayExplanation';
import { PlaySession } from './PlaySession';
import { Profile } from './Profile';
import { Query } from './Query';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  PlaySession,
  PlayExplanation,
  Profile,
  ContinueWatchingItem,
};

import type { Resolvers } from '../__generated__/resolvers';
import { PlaySession } from './PlaySession';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, PlaySession };

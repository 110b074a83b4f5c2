import type { Resolvers } from '../__generated__/resolvers';
import { PlaySession } from './PlaySession';

export const resolvers: Resolvers = { PlaySession };

import type { Resolvers } from '../__generated__/resolvers';
import { PlayExplanation } from './PlayExplanation';
import { PlaySession } from './PlaySession';

export const resolvers: Resolvers = { PlayExplanation, PlaySession };

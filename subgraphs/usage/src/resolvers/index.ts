import type { Resolvers } from '../__generated__/resolvers';
import { Query } from './Query';

export const resolvers: Resolvers = { Query };

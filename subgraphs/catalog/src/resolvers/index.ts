import type { Resolvers } from '../__generated__/resolvers';
import { Query } from './Query';
import { Title } from './Title';

export const resolvers: Resolvers = { Query, Title };

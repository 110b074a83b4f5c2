import type { Resolvers } from '../__generated__/resolvers';
import { Account } from './Account';
import { Profile } from './Profile';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Account, Profile };

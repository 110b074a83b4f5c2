import DataLoader from 'dataloader';
import type { Profile, User } from '@platform/dataset/model';
import type { TraceParent } from '@platform/tracing/spans';
import type { ProfileRepository } from './profileRepository';

export interface ProfilesLoaders {
  /** Profiles by id: the gateway resolves every profile of a plan in one `_entities` batch. */
  profile: DataLoader<string, Profile | null>;
  /** Profiles per account: one query for all accounts of a request, not one per account. */
  profilesByAccount: DataLoader<string, Profile[]>;
  account: DataLoader<string, User | null>;
}

/**
 * New loaders for every request, so nothing cached here outlives the request; their reads are traced
 * under `trace`, the request's.
 */
export function createLoaders(repository: ProfileRepository, trace: TraceParent): ProfilesLoaders {
  return {
    profile: new DataLoader((ids) => repository.findProfilesByIds(ids, trace)),
    profilesByAccount: new DataLoader((ids) => repository.findProfilesByAccountIds(ids, trace)),
    account: new DataLoader((ids) => repository.findAccountsByIds(ids, trace)),
  };
}

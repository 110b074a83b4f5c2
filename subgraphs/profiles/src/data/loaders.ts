import DataLoader from 'dataloader';
import type { Profile, User } from '@platform/dataset/model';
import type { ProfileRepository } from './profileRepository';

export interface ProfilesLoaders {
  /** Profiles by id: the gateway resolves every profile of a plan in one `_entities` batch. */
  profile: DataLoader<string, Profile | null>;
  /** Profiles per account: one query for all accounts of a request, not one per account. */
  profilesByAccount: DataLoader<string, Profile[]>;
  account: DataLoader<string, User | null>;
}

/** New loaders for every request, so nothing cached here outlives the request. */
export function createLoaders(repository: ProfileRepository): ProfilesLoaders {
  return {
    profile: new DataLoader((ids) => repository.findProfilesByIds(ids)),
    profilesByAccount: new DataLoader((ids) => repository.findProfilesByAccountIds(ids)),
    account: new DataLoader((ids) => repository.findAccountsByIds(ids)),
  };
}

import type { ProfileResolvers } from '../__generated__/resolvers';

export const Profile: ProfileResolvers = {
  // Playback only adds history to a profile; which profiles exist is the profiles service's business.
  // The loader reads the caller's account only, so another account's profile id reads as empty.
  continueWatching: (profile, _args, { loaders }) => loaders.continueWatching.load(profile.id),
};

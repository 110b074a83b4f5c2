/**
 * Hands the gateway what playback knows of each decision it made in this request (the device rule,
 * a grant's session id), in the answer's `extensions`, for the decision record. The device's
 * operation never asks for it, so it cannot travel in `data`.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { PLAY_DECISIONS_EXTENSION, type PlaySessionNote } from '@contracts/decisionNotes';
import type { PlaybackContext } from './context';

export function decisionNotesPlugin(): ApolloServerPlugin<PlaybackContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (contextValue.notes.size === 0 || response.body.kind !== 'single') return;
          const notes: PlaySessionNote[] = [];
          for (const [playSessionId, note] of contextValue.notes) notes.push({ playSessionId, ...note });
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            [PLAY_DECISIONS_EXTENSION]: notes,
          };
        },
      };
    },
  };
}

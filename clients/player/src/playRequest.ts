/**
 * The `play` request of docs/play-contract.md, sent as the typed operation generated from
 * `clients/operations/Play.graphql`.
 */
import { print } from 'graphql';
import {
  PlayDocument,
  type PlayInput,
  type PlayQuery,
  type PlayQueryVariables,
} from '../../__generated__/operations';
import { sendGraphQL, type GraphQLEndpoint } from './graphql';

type Decision = PlayQuery['play']['decision'];

/** The gateway answered, and the answer is no: show `message` and `prompt` to the viewer. */
export class PlaybackRefusedError extends Error {
  override name = 'PlaybackRefusedError';
  readonly reason: Decision['reason'];
  readonly prompt: Decision['prompt'];

  constructor(decision: Decision) {
    super(decision.message);
    this.reason = decision.reason;
    this.prompt = decision.prompt;
  }
}

let playText: string | undefined;

/** Resolves the granted manifest's JWS, or throws {@link PlaybackRefusedError} / `GraphQLRequestError`. */
export async function requestManifest(endpoint: GraphQLEndpoint, input: PlayInput): Promise<string> {
  playText ??= print(PlayDocument);
  const variables: PlayQueryVariables = { input };
  const { play } = await sendGraphQL<PlayQuery>(endpoint, playText, variables, 'play');
  if (!play.decision.allowed || !play.manifest) throw new PlaybackRefusedError(play.decision);
  return play.manifest.jws;
}

export type { PlayInput };

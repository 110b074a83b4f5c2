/**
 * The `play` and `prefetch` requests of docs/play-contract.md: the trusted document generated from
 * `clients/operations/Play.graphql`, sent by id, typed by its generated operation types.
 */
import { documentIds } from './__generated__/documentIds';
import type {
  PlayInput,
  PlayQuery,
  PlayQueryVariables,
  PrefetchQuery,
  PrefetchQueryVariables,
} from './__generated__/operations';
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

/** Resolves the granted manifest's JWS, or throws {@link PlaybackRefusedError} / `GraphQLRequestError`. */
export async function requestManifest(endpoint: GraphQLEndpoint, input: PlayInput): Promise<string> {
  const variables: PlayQueryVariables = { input };
  // A viewer pressed play: the last request a gateway under overload refuses.
  // A query: asked of a second gateway too when the first is slow (`hedgeAfterMs`).
  const { play } = await sendGraphQL<PlayQuery>(endpoint, documentIds.Play, variables, 'play', 'critical', {
    hedge: true,
  });
  if (!play.decision.allowed || !play.manifest) throw new PlaybackRefusedError(play.decision);
  return play.manifest.jws;
}

/**
 * A manifest to start later without asking (`prefetch`, as `prefetch` class), its JWS; null when the
 * viewer may not play the title. Throws `GraphQLRequestError` when no gateway answered.
 */
export async function prefetchManifest(endpoint: GraphQLEndpoint, input: PlayInput): Promise<string | null> {
  const variables: PrefetchQueryVariables = { input };
  const { prefetch } = await sendGraphQL<PrefetchQuery>(
    endpoint,
    documentIds.Prefetch,
    variables,
    'prefetch',
    'prefetch',
    { hedge: true },
  );
  return prefetch.decision.allowed && prefetch.manifest ? prefetch.manifest.jws : null;
}

export type { PlayInput };

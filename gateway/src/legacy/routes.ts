/**
 * The legacy REST API for older devices that cannot send GraphQL (docs/legacy-api.md):
 *
 *  - `POST /v1/playback/start` runs the trusted `Play` document;
 *  - `GET /v1/titles/:id` runs the trusted `Title` document.
 *
 * Both run through `POST /graphql` itself (graphqlBridge.ts says why and how), and every answer
 * carries the `Deprecation`, `Sunset` and `Link` headers. After the sunset date they answer 410.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { documentIds } from '../../../clients/__generated__/documentIds';
import type { Logger } from '@platform/log';
import type { JsonAnswer } from '../answers/jsonAnswer';
import { DeviceModels, deviceInputFor } from './deviceModels';
import { runTrustedDocument } from './graphqlBridge';
import { legacyError, LegacyErrorCode, unavailable } from './legacyErrors';
import { playAnswer } from './playAnswer';
import { parsePlayBody } from './playBody';
import { deprecationHeaders, type LegacyApiSettings } from './settings';
import { titleAnswer } from './titleAnswer';

/** A legacy body is three short ids (under 300 bytes); 8 KiB leaves room for padding and nothing more. */
export const LEGACY_BODY_LIMIT_BYTES = 8 * 1024;

export const PLAY_ROUTE = '/v1/playback/start';
export const TITLE_ROUTE = '/v1/titles/:id';

export interface LegacyApi {
  /** Adds the routes to the gateway's public app, which must serve `POST /graphql`. */
  register(app: FastifyInstance): void;
}

/**
 * Loads the device-model table (a bad table throws here, so the gateway does not start) and returns
 * the routes to register. `now` is the clock the sunset is judged by.
 */
export function createLegacyApi(
  settings: LegacyApiSettings,
  logger: Logger,
  now: () => Date = () => new Date(),
): LegacyApi {
  const deviceModels = DeviceModels.load(settings.deviceModelsPath);
  const headers = deprecationHeaders(settings);
  const send = (reply: FastifyReply, answer: JsonAnswer) =>
    reply
      .code(answer.status)
      .headers(answer.headers ?? {})
      .send(answer.body);

  const common = {
    /** Before anything else, even the token: past the sunset the API is gone for everyone. */
    onRequest: async (_request: FastifyRequest, reply: FastifyReply) => {
      if (now() >= settings.sunsetAt) {
        return send(
          reply,
          legacyError(
            410,
            LegacyErrorCode.Gone,
            `This API was switched off on ${settings.sunsetAt.toUTCString()}; see ${settings.docsUrl}`,
          ),
        );
      }
    },
    /** Every answer, errors included, says the API is deprecated and when it goes. */
    onSend: async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      reply.headers(headers);
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    },
    /** Fastify's own refusals (body too large, not JSON, too deep) in the legacy error shape. */
    errorHandler: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        if (status === 413) reply.header('connection', 'close');
        const message =
          status === 413
            ? `The body is larger than ${LEGACY_BODY_LIMIT_BYTES} bytes`
            : status === 415
              ? 'Send the body as `content-type: application/json`'
              : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
                ? 'The body is not valid JSON'
                : error.message;
        return send(reply, legacyError(400, LegacyErrorCode.InvalidBody, message));
      }
      logger.error('legacy request failed', { path: request.url, error: error.message });
      return send(reply, legacyError(500, LegacyErrorCode.Internal, 'Internal server error'));
    },
  };

  return {
    register(app) {
      app.post(PLAY_ROUTE, { ...common, bodyLimit: LEGACY_BODY_LIMIT_BYTES }, async (request, reply) => {
        const parsed = parsePlayBody(request.body);
        if (!parsed.ok) return send(reply, parsed.answer);
        const { titleId, profileId, deviceModel, deviceId } = parsed.request;
        const device = deviceModels.find(deviceModel);
        if (!device) {
          return send(
            reply,
            legacyError(
              400,
              LegacyErrorCode.UnknownDeviceModel,
              `Unknown device model "${deviceModel}": it is not in the device-model table (see ${settings.docsUrl})`,
            ),
          );
        }
        const answer = await runTrustedDocument(app, request, {
          documentId: documentIds.Play,
          variables: { input: { titleId, profileId, device: deviceInputFor(device, deviceId) } },
        });
        return send(reply, answer ? playAnswer(answer, device) : unavailable());
      });

      app.get(TITLE_ROUTE, common, async (request, reply) => {
        const { id } = request.params as { id: string };
        // Fastify's router refuses an id over 100 characters (`maxParamLength`) with 414 before this.
        const answer = await runTrustedDocument(app, request, {
          documentId: documentIds.Title,
          variables: { id },
        });
        if (!answer) return send(reply, unavailable());
        const legacy = titleAnswer(answer, id);
        // The catalog's caching hint (`@cacheControl`) holds for the legacy answer of a found title.
        const cacheControl = answer.headers['cache-control'];
        if (legacy.status === 200 && typeof cacheControl === 'string')
          reply.header('cache-control', cacheControl);
        return send(reply, legacy);
      });
    },
  };
}

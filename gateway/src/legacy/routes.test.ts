import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLogger } from '@platform/log';
import { DeviceModelsError } from './deviceModels';
import { createLegacyApi } from './routes';
import { DEFAULT_LEGACY_API_SETTINGS } from './settings';

const silent = createLogger('gateway', 'silent');
const opened: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((app) => app.close()));
});

/** The legacy routes on a bare app whose `/graphql` only counts what reaches it. */
async function appAt(now: Date) {
  const app = Fastify();
  opened.push(app);
  let graphqlRequests = 0;
  app.post('/graphql', async () => {
    graphqlRequests += 1;
    return { data: null };
  });
  createLegacyApi(DEFAULT_LEGACY_API_SETTINGS, silent, () => now).register(app);
  await app.ready();
  return { app, graphqlRequests: () => graphqlRequests };
}

const BODY = { titleId: 't-1', profileId: 'p-1', deviceModel: 'roku-3-4230' };

describe('legacy routes', () => {
  it('answer 410 GONE after the sunset date, with the deprecation headers, and run nothing', async () => {
    const { app, graphqlRequests } = await appAt(new Date('2027-01-01T00:00:00Z'));
    const play = await app.inject({ method: 'POST', url: '/v1/playback/start', payload: BODY });
    const title = await app.inject({ method: 'GET', url: '/v1/titles/t-1' });
    for (const response of [play, title]) {
      expect(response.statusCode).toBe(410);
      expect(response.json()).toMatchObject({ error: { code: 'GONE' } });
      expect(response.headers['sunset']).toBe('Fri, 01 Jan 2027 00:00:00 GMT');
      expect(response.headers['deprecation']).toBe('@1767225600');
    }
    expect(graphqlRequests()).toBe(0);
  });

  it('run the document through /graphql before the sunset date', async () => {
    const { app, graphqlRequests } = await appAt(new Date('2026-12-31T23:59:59Z'));
    const play = await app.inject({ method: 'POST', url: '/v1/playback/start', payload: BODY });
    // The stand-in /graphql answers no decision: the device is told to retry, not refused.
    expect(play.statusCode).toBe(503);
    expect(graphqlRequests()).toBe(1);
  });

  it('answer a malformed body or an unknown device model 400 before anything runs', async () => {
    const { app, graphqlRequests } = await appAt(new Date('2026-06-01T00:00:00Z'));
    const malformed = await app.inject({
      method: 'POST',
      url: '/v1/playback/start',
      payload: { titleId: 't-1' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/v1/playback/start',
      payload: { ...BODY, deviceModel: 'nokia-3310' },
    });
    expect([malformed.statusCode, unknown.statusCode]).toEqual([400, 400]);
    expect(malformed.json()).toMatchObject({ error: { code: 'INVALID_BODY' } });
    expect(unknown.json()).toMatchObject({ error: { code: 'UNKNOWN_DEVICE_MODEL' } });
    expect(graphqlRequests()).toBe(0);
  });

  it('leave an overlong title id to the router, which answers 414 before anything runs', async () => {
    const { app, graphqlRequests } = await appAt(new Date('2026-06-01T00:00:00Z'));
    const response = await app.inject({ method: 'GET', url: `/v1/titles/${'x'.repeat(101)}` });
    expect(response.statusCode).toBe(414);
    expect(graphqlRequests()).toBe(0);
  });
});

describe('createLegacyApi', () => {
  it('refuses a bad device-model table, naming the file and the entry, so the gateway does not start', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'device-models-')), 'models.json');
    writeFileSync(file, JSON.stringify({ models: [{ model: 'Acme-TV' }] }));
    const create = () => createLegacyApi({ ...DEFAULT_LEGACY_API_SETTINGS, deviceModelsPath: file }, silent);
    expect(create).toThrow(DeviceModelsError);
    expect(create).toThrow(`${file}: models[0] (model "Acme-TV") field model`);
  });
});

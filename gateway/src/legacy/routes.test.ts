import Fastify from 'fastify';
import { createLogger } from '@platform/log';
import { createLegacyApi } from './routes';
import { DEFAULT_LEGACY_API_SETTINGS } from './settings';

/** The legacy routes on a bare app whose `/graphql` only counts what reaches it. */
async function appAt(now: Date) {
  const app = Fastify();
  let graphqlRequests = 0;
  app.post('/graphql', async () => {
    graphqlRequests += 1;
    return { data: null };
  });
  createLegacyApi(DEFAULT_LEGACY_API_SETTINGS, createLogger('gateway', 'silent'), () => now).register(app);
  await app.ready();
  return { app, graphqlRequests: () => graphqlRequests };
}

const BODY = { titleId: 't-1', profileId: 'p-1', deviceModel: 'roku-3-4230' };

describe('legacy routes', () => {
  it('answer 410 GONE after the sunset date, with the deprecation headers, and run nothing', async () => {
    const { app, graphqlRequests } = await appAt(new Date('2027-01-01T00:00:00Z'));
    try {
      const play = await app.inject({ method: 'POST', url: '/v1/playback/start', payload: BODY });
      const title = await app.inject({ method: 'GET', url: '/v1/titles/t-1' });
      for (const response of [play, title]) {
        expect(response.statusCode).toBe(410);
        expect(response.json()).toMatchObject({ error: { code: 'GONE' } });
        expect(response.headers['sunset']).toBe('Fri, 01 Jan 2027 00:00:00 GMT');
        expect(response.headers['deprecation']).toBe('@1767225600');
      }
      expect(graphqlRequests()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('run the document through /graphql before the sunset date', async () => {
    const { app, graphqlRequests } = await appAt(new Date('2026-12-31T23:59:59Z'));
    try {
      const play = await app.inject({ method: 'POST', url: '/v1/playback/start', payload: BODY });
      // The stand-in /graphql answers no decision: the device is told to retry, not refused.
      expect(play.statusCode).toBe(503);
      expect(graphqlRequests()).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('leave an overlong title id to the router, which answers 414 before anything runs', async () => {
    const { app, graphqlRequests } = await appAt(new Date('2026-06-01T00:00:00Z'));
    try {
      const response = await app.inject({ method: 'GET', url: `/v1/titles/${'x'.repeat(101)}` });
      expect(response.statusCode).toBe(414);
      expect(graphqlRequests()).toBe(0);
    } finally {
      await app.close();
    }
  });
});

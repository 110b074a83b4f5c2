import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { loadSigningKey, loadVerificationKeys } from '@platform/keys/keyring';
import { recordingLogger } from '@testing/recordingLogger';
import { ManifestSigner } from '../../subgraphs/playback/src/manifest/sign';
import { Seed } from '@testing/seed';
import { SegmentCatalog } from './segments';
import { createEdgeServer, type EdgeServer } from './server';
import { SegmentTokenChecker } from './token';

const ISSUER = 'urn:streaming:playback';
const dataset = new Seed()
  .title('t-1', { durationSeconds: 60 })
  .title('t-2', { durationSeconds: 60 })
  .cdn('cdn-a')
  .cdn('cdn-b')
  .build();

describe('the reference edge', () => {
  let dir: string;
  let edge: EdgeServer;
  let baseUrl: string;
  let signer: ManifestSigner;
  const logger = recordingLogger();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'edge-'));
    const source = { kind: 'development' as const, dir };
    signer = new ManifestSigner(
      await loadSigningKey('manifest', source),
      await loadSigningKey('edge', source),
      ISSUER,
    );
    const keys = await loadVerificationKeys('edge', source);
    edge = createEdgeServer({
      cdnId: 'cdn-a',
      tokens: new SegmentTokenChecker({ keys: keys.keyFor, cdnId: 'cdn-a', issuer: ISSUER }),
      catalog: new SegmentCatalog(dataset, { segmentSeconds: 4, payloadScale: 0.01 }),
      faultControl: true,
      logger,
      random: () => 0.5,
    });
    baseUrl = `http://127.0.0.1:${await edge.start(0)}`;
  });

  afterAll(async () => {
    await edge.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => edge.faults.reset());

  /** The segment tokens a real manifest carries, per CDN id. */
  async function tokens(
    options: { titleId?: string; sessionId?: string; signedAt?: Date; traceId?: string } = {},
  ) {
    const { jws } = await signer.sign(
      {
        sessionId: options.sessionId ?? 'session-1',
        accountId: 'acct-1',
        profileId: 'prof-1',
        titleId: options.titleId ?? 't-1',
        durationSeconds: 60,
        variants: [],
        drm: null,
        cdns: dataset.cdns,
        abr: { startVariantId: 'h264-240p', maxBitrateKbps: 5800 },
        traceId: options.traceId ?? null,
      },
      options.signedAt,
    );
    const { cdns } = decodeJwt(jws) as { cdns: { id: string; token: string }[] };
    return Object.fromEntries(cdns.map((cdn) => [cdn.id, cdn.token]));
  }

  function segment(token: string, { path: segmentPath = 't-1/h264-1080p/0.m4s', sid = 'session-1' } = {}) {
    return fetch(`${baseUrl}/${segmentPath}?${new URLSearchParams({ token, sid })}`);
  }

  it('serves a segment sized by bitrate, segment duration and payload scale for a valid token', async () => {
    const { 'cdn-a': token } = await tokens();
    const response = await segment(token!);
    expect(response.status).toBe(200);
    // 5800 kbps × 4 s = 2 900 000 bytes nominal, 1% of it sent.
    expect(response.headers.get('x-nominal-bytes')).toBe('2900000');
    expect((await response.arrayBuffer()).byteLength).toBe(29_000);
  });

  it('logs each segment with the trace of the play that issued its token, when that play was traced', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const traced = await tokens({ traceId });
    const untraced = await tokens({ sessionId: 'session-2' });
    expect((await segment(traced['cdn-a']!)).status).toBe(200);
    expect((await segment(untraced['cdn-a']!, { sid: 'session-2' })).status).toBe(200);
    const logged = logger.lines.filter((line) => line.message === 'segment').map((line) => line.fields);
    expect(logged.slice(-2)).toEqual([
      expect.objectContaining({ sid: 'session-1', trace_id: traceId }),
      expect.objectContaining({ sid: 'session-2', trace_id: null }),
    ]);
  });

  it('refuses a tampered token with 403', async () => {
    const { 'cdn-a': token } = await tokens();
    const [header, payload, signature] = token!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const tampered = [
      header,
      Buffer.from(JSON.stringify({ ...claims, titleId: 't-2' })).toString('base64url'),
      signature,
    ];
    const response = await segment(tampered.join('.'), { path: 't-2/h264-1080p/0.m4s' });
    expect(response.status).toBe(403);
  });

  it('refuses an expired token with 410', async () => {
    // Manifests live for the title's duration plus four hours; this one was issued five hours ago.
    const { 'cdn-a': token } = await tokens({ signedAt: new Date(Date.now() - 5 * 3600 * 1000) });
    expect((await segment(token!)).status).toBe(410);
  });

  it("refuses another title's token, another session's token and another CDN's token with 403", async () => {
    const { 'cdn-a': token, 'cdn-b': otherCdn } = await tokens();
    expect((await segment(token!, { path: 't-2/h264-1080p/0.m4s' })).status).toBe(403);
    expect((await segment(token!, { sid: 'session-2' })).status).toBe(403);
    expect((await segment(otherCdn!)).status).toBe(403);
    expect((await fetch(`${baseUrl}/t-1/h264-1080p/0.m4s`)).status).toBe(403);
  });

  it('answers 404 for a variant or segment the title does not have, after checking the token', async () => {
    const { 'cdn-a': token } = await tokens();
    expect((await segment(token!, { path: 't-1/av1-8k/0.m4s' })).status).toBe(404);
    expect((await segment(token!, { path: 't-1/h264-1080p/15.m4s' })).status).toBe(404);
  });

  it('switches fault modes at run time: down, error rate, slow, bandwidth cap, hanging', async () => {
    const { 'cdn-a': token } = await tokens();
    const setFaults = (faults: object) =>
      fetch(`${baseUrl}/_faults`, { method: 'POST', body: JSON.stringify(faults) });

    expect((await setFaults({ down: true })).status).toBe(200);
    await expect(segment(token!)).rejects.toThrow();

    await setFaults({ down: false, errorRate: 1 });
    expect((await segment(token!)).status).toBe(503);

    await setFaults({ errorRate: 0, slowMs: 300 });
    let started = Date.now();
    await (await segment(token!)).arrayBuffer();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);

    await setFaults({ slowMs: 0, bandwidthKbps: 800 }); // 29 000 bytes at 100 kB/s: about 0.3 s
    started = Date.now();
    expect((await (await segment(token!)).arrayBuffer()).byteLength).toBe(29_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);

    await setFaults({ bandwidthKbps: null, hanging: true });
    const hung = fetch(`${baseUrl}/t-1/h264-1080p/0.m4s?token=${token}`, {
      signal: AbortSignal.timeout(500),
    });
    await expect(hung).rejects.toThrow(/timeout|aborted/i);
  });

  it('rejects an invalid fault change and names the field', async () => {
    const response = await fetch(`${baseUrl}/_faults`, {
      method: 'POST',
      body: JSON.stringify({ errorRate: 2 }),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/errorRate/);
    expect(await (await fetch(`${baseUrl}/_faults`)).json()).toMatchObject({ errorRate: 0 });
  });
});

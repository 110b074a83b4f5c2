/**
 * The reference web player (docs/player.md) in a real Chromium against `npm start` itself
 * (scripts/start.ts in development on the demo dataset: the stack plus one reference edge per CDN),
 * with the network closed: every request outside the gateway and the edges is aborted and recorded.
 * A refusal shows its offers; a grant plays; a CDN taken down mid-play hands over to another with no
 * stall (the page's own account, `window.__player`); the control plane taken away does not stop
 * playback; the session's end waits in the browser's outbox and reaches "continue watching".
 * Saves docs/images/player-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_DATASET_PATH } from '@platform/dataset/load';
import { launchOfflineBrowser, type OfflineBrowser } from '@testing/offlineBrowser';
import { startSupervisor, type Supervisor } from '@testing/supervisor';
import { buildPlayerBundle, playerBundleBuilt } from '../../../gateway/src/player/bundle';

const IMAGES = path.join(__dirname, '..', '..', '..', 'docs', 'images');
/** Media seconds per wall second: the sessions of this suite play four times faster than real time. */
const SPEED = 4;

/** What `window.__player()` returns (clients/player/web/ui/main.ts), as far as the test reads it. */
interface PlayerState {
  account: string | null;
  refusal: { reason: string; message: string; offers: { type: string }[] } | null;
  error: string | null;
  outboxPending: number;
  continueWatching: { titleId: string; positionSeconds: number }[];
  sessionEnd: { reason: string; positionSeconds: number } | null;
  manifestCdns: string[];
  cdns: { id: string; baseUrl: string }[];
  playback: {
    phase: string;
    cdnHistory: string[];
    currentCdn: string | null;
    currentKbps: number | null;
    minBufferAfterStart: number | null;
    rebufferCount: number;
    segmentsLoaded: number;
    events: string[];
  } | null;
}

describe('the reference player in a browser, against npm start', () => {
  let supervisor: Supervisor;
  let gatewayUrl: string;
  let edgeOrigins: string[];
  let browser: OfflineBrowser;
  let page: Page;
  /** Origins of edges taken down on purpose: their failed requests are the point. */
  const downOrigins = new Set<string>();

  const state = () => page.evaluate(() => (globalThis as unknown as { __player(): PlayerState }).__player());
  async function waitFor(what: string, check: (s: PlayerState) => boolean, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await state();
      if (check(current)) return current;
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out waiting for ${what}: ${JSON.stringify({ ...current, continueWatching: current.continueWatching })}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  async function signIn(account: string) {
    await page.selectOption('#account', account);
    await waitFor(`${account}'s titles`, (s) => s.account === account);
    await page.locator('#titles button').first().waitFor();
  }

  beforeAll(async () => {
    if (!playerBundleBuilt()) await buildPlayerBundle();
    supervisor = await startSupervisor({
      NODE_ENV: 'development',
      DATASET: DEMO_DATASET_PATH,
      DEV_EDGE_PORT: '0',
      RATE_LIMITS: 'off',
    });
    await supervisor.ready(120_000);
    gatewayUrl = `http://127.0.0.1:${supervisor.ports.gateway}`;
    const edgesLine = /reference edges[^\n]*/.exec(supervisor.output())?.[0] ?? '';
    edgeOrigins = [...edgesLine.matchAll(/http:\/\/127\.0\.0\.1:\d+/g)].map((match) => match[0]);
    browser = await launchOfflineBrowser({
      allowedOrigins: [new URL(gatewayUrl).origin, ...edgeOrigins],
      viewport: { width: 1100, height: 1000 },
      expectedErrorOrigins: downOrigins,
    });
    page = browser.page;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await supervisor?.cleanUp();
  });

  it('npm start in development runs an edge per demo CDN, and the page loads from the stack alone', async () => {
    expect(edgeOrigins).toHaveLength(5);
    expect(supervisor.output()).toContain(`reference player at ${gatewayUrl}/player/`);
    const response = await page.goto(`${gatewayUrl}/player/?speed=${SPEED}`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain(`connect-src 'self' ${edgeOrigins[0]}`);
    await page.locator('#account').waitFor();
    expect(await page.locator('#account option').count()).toBeGreaterThan(5);
    expect(await page.locator('#cdn-buttons button').count()).toBe(5);
  }, 60_000);

  it('shows a refusal with its reason, message and offers', async () => {
    await signIn('u-basic');
    await page.locator('[data-title="t-premium-4k"]').click();
    const refused = await waitFor('the refusal', (s) => s.refusal !== null || s.error !== null);
    expect(refused.error).toBeNull();
    expect(refused.refusal!.offers.length).toBeGreaterThan(0);
    await page.locator('#refusal').waitFor({ state: 'visible' });
    await expect(page.locator('#refusal h2').textContent()).resolves.toBe(
      `Refused: ${refused.refusal!.reason}`,
    );
    await expect(page.locator('#refusal-message').textContent()).resolves.toBe(refused.refusal!.message);
    expect(await page.locator('#offers li').count()).toBe(refused.refusal!.offers.length);
    await page.screenshot({ path: path.join(IMAGES, 'player-refusal.png'), fullPage: true });
  }, 60_000);

  it('verifies a granted manifest in the browser and reaches "playing" on the edges', async () => {
    await signIn('u-premium');
    await page.selectOption('#profile', 'p-premium-adult');
    await page.locator('[data-title="t-basic-drama"]').click();
    const playing = await waitFor(
      'playing',
      (s) => s.playback?.phase === 'playing' && s.playback.segmentsLoaded >= 3,
    );
    expect(playing.manifestCdns.length).toBeGreaterThanOrEqual(2);
    expect(playing.playback!.events).toContain('startup');
    // The page renders its status every 250 ms: it shows what the player reports by the next render.
    await page.locator('main[data-phase="playing"]').waitFor({ timeout: 1_000 });
    await page.screenshot({ path: path.join(IMAGES, 'player-playing.png'), fullPage: true });
  }, 60_000);

  it('keeps playing on another CDN, with no stall, when the CDN in use is taken down mid-play', async () => {
    const before = await state();
    const from = before.playback!.currentCdn!;
    // Chromium logs each connection the downed edge drops: expected, and only from that edge.
    downOrigins.add(new URL(before.cdns.find((cdn) => cdn.id === from)!.baseUrl).origin);
    await page.locator(`#cdn-buttons [data-cdn="${from}"]`).click();
    await page.locator(`#cdn-buttons [data-cdn="${from}"].on`).waitFor();
    const loadedBefore = before.playback!.segmentsLoaded;
    const after = await waitFor(
      'segments from another CDN',
      (s) => s.playback!.currentCdn !== from && s.playback!.segmentsLoaded >= loadedBefore + 4,
      60_000,
    );
    expect(after.playback!.cdnHistory.slice(-2)).toEqual([from, after.playback!.currentCdn]);
    expect(after.playback!.events).toContain('cdnFailover');
    expect(after.playback!.phase).toBe('playing');
    expect(after.playback!.rebufferCount).toBe(0);
    expect(after.playback!.minBufferAfterStart).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(IMAGES, 'player-failover.png'), fullPage: true });
  }, 90_000);

  it('comes down the bitrate ladder on a slow network and keeps loading segments', async () => {
    const before = await state();
    await page.locator('#slow-network').click();
    const slow = await waitFor(
      'a low bitrate on the slow network',
      // Playing again (the switch down may cost a stall: the segment in flight was a high one).
      (s) =>
        (s.playback!.currentKbps ?? Infinity) <= 1_500 &&
        s.playback!.segmentsLoaded >= before.playback!.segmentsLoaded + 3 &&
        s.playback!.phase === 'playing',
      90_000,
    );
    expect(slow.playback!.events).toContain('bitrateSwitch');
    expect(slow.playback!.phase).not.toBe('ended');
    await page.locator('#slow-network').click();
  }, 120_000);

  it('plays on with the control plane gone, keeps the end in the outbox, and delivers it once it is back', async () => {
    await page.locator('#control-plane').click();
    const { segmentsLoaded: loaded, rebufferCount: stallsBefore } = (await state()).playback!;
    const still = await waitFor(
      'more segments without the gateway',
      (s) => s.playback!.segmentsLoaded >= loaded + 3,
    );
    expect(still.playback!.phase).toBe('playing');
    expect(still.playback!.rebufferCount).toBe(stallsBefore);

    await page.locator('#stop').click();
    const ended = await waitFor('the report waiting', (s) => s.sessionEnd !== null && s.outboxPending === 1);
    expect(ended.sessionEnd!.reason).toBe('STOPPED');
    expect(ended.sessionEnd!.positionSeconds).toBeGreaterThan(0);
    const position = Math.floor(ended.sessionEnd!.positionSeconds);

    await page.locator('#control-plane').click();
    await waitFor('the report delivered', (s) => s.outboxPending === 0, 30_000);
    const deadline = Date.now() + 30_000;
    let listed: PlayerState['continueWatching'][number] | undefined;
    while (!listed && Date.now() < deadline) {
      await page.locator('#refresh-continue').click();
      await new Promise((resolve) => setTimeout(resolve, 500));
      listed = (await state()).continueWatching.find((item) => item.titleId === 't-basic-drama');
    }
    expect(listed).toEqual({ titleId: 't-basic-drama', name: expect.any(String), positionSeconds: position });
    await page.locator('#continue-watching [data-title="t-basic-drama"]').waitFor();
    await page.screenshot({ path: path.join(IMAGES, 'player-continue-watching.png'), fullPage: true });
  }, 120_000);

  it('needed nothing outside the stack, and logged no error but the dropped edge connections', () => {
    expect(browser.outside).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});

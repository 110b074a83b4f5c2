/**
 * A real Chromium (Debian's, `chromiumBinary()`) with the network closed, for the page suites: every
 * request to an origin the test did not allow is aborted and recorded, as are failed requests and
 * console errors, so a suite can require that a page needed nothing from outside the stack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumBinary } from './servers';

/**
 * Headless, and quiet on a closed network: without the background-networking flags Chromium keeps
 * trying Google's hosts, and those refusals would be errors of their own. The browser process's own
 * requests (reliability reports, phishing lists, pings) never pass the page's routing, so they are
 * switched off here too.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--no-pings',
];

export interface OfflineBrowserOptions {
  /** Origins the page may reach (`http://127.0.0.1:4000`); `data:` URLs always may. */
  allowedOrigins: Iterable<string>;
  viewport: { width: number; height: number };
  /** Console errors from these origins are expected (an edge taken down on purpose) and not kept. */
  expectedErrorOrigins?: ReadonlySet<string>;
}

export interface OfflineBrowser {
  page: Page;
  /** Requests to any other origin, aborted. */
  readonly outside: string[];
  /** Requests to allowed origins, in order. */
  readonly allowed: string[];
  readonly failedRequests: string[];
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

/** Launches Chromium on a new, empty profile; throws, naming what is missing, without a Chromium. */
export async function launchOfflineBrowser(options: OfflineBrowserOptions): Promise<OfflineBrowser> {
  const executable = chromiumBinary();
  if (!executable) {
    throw new Error(
      'No Chromium at /usr/bin/chromium (or CHROMIUM_PATH): .ci/run installs it with `apt-get install chromium`.',
    );
  }
  const profileDir = mkdtempSync(path.join(tmpdir(), 'offline-chromium-'));
  let context: BrowserContext;
  try {
    // A new, empty profile (Playwright passes it as --user-data-dir).
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: executable,
      args: CHROMIUM_ARGS,
      viewport: options.viewport,
    });
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const origins = new Set(options.allowedOrigins);
  const recorded: Omit<OfflineBrowser, 'page' | 'close'> = {
    outside: [],
    allowed: [],
    failedRequests: [],
    consoleErrors: [],
  };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || origins.has(new URL(url).origin)) {
      recorded.allowed.push(url);
      return route.continue();
    }
    recorded.outside.push(url);
    return route.abort('blockedbyclient');
  });
  const expected = (url: string | undefined) =>
    url !== undefined && url !== '' && (options.expectedErrorOrigins?.has(new URL(url).origin) ?? false);
  page.on('requestfailed', (request) => {
    recorded.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error' || expected(message.location().url)) return;
    recorded.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => recorded.consoleErrors.push(error.message));
  return {
    page,
    ...recorded,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

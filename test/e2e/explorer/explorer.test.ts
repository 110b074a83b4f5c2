/**
 * The analysts' explorer in a real Chromium against the real processes of `npm start`, with the
 * network closed: every request outside the gateway's origin is aborted and recorded, and none may
 * be needed. A token typed into the headers editor, a preloaded tab run, its data in the result pane.
 * Saves docs/images/explorer.png (docs/analysts.md shows it).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildExplorerBundle, explorerBundleBuilt } from '../../../gateway/src/explorer/bundle';
import { Seed } from '@testing/seed';
import { chromiumBinary } from '@testing/servers';
import { startTestStack, type TestStack } from '@testing/stack';

/**
 * The tab the test runs, by the operation name GraphiQL shows on it, and the field its result must
 * hold. Switch to `ExplainPlay` / `explainPlay` (clients/analyst/) once analyst tokens exist.
 */
const OPERATION_TAB = 'Titles';
const RESULT_FIELD = 'titles';
/** The account whose token is typed into the headers editor. An analyst later (`ANALYST_ACCOUNT`). */
const TOKEN_ACCOUNT = 'acct-viewer';
/** Mints the token typed into the headers editor (swap for an analyst token with the role flag). */
const mintToken = (stack: TestStack) => stack.tokenFor(TOKEN_ACCOUNT);

/** The flags the sandboxed, network-less machines need (see the repository's CI notes). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = path.join(__dirname, '..', '..', '..', 'docs', 'images', 'explorer.png');

const TITLES = [
  { id: 't-first', name: 'The First Title', genres: ['Drama'] },
  { id: 't-second', name: 'The Second Title', genres: ['Comedy'] },
  { id: 't-third', name: 'The Third Title', genres: ['Drama', 'Comedy'] },
];
const seed = TITLES.reduce(
  (built, { id, ...title }) => built.title(id, title),
  new Seed().subscriber(TOKEN_ACCOUNT, 'PREMIUM').profile('prof-viewer', TOKEN_ACCOUNT),
);
/** The tab's example variables, as the page preloads them (clients/operations/Titles.variables.json). */
const TAB_VARIABLES = JSON.parse(
  readFileSync(
    path.join(__dirname, '..', '..', '..', 'clients', 'operations', 'Titles.variables.json'),
    'utf8',
  ),
) as { genre?: string };
/** The seeded titles the tab's variables select: what the result pane must show. */
const EXPECTED_IDS = TITLES.filter(
  (title) => !TAB_VARIABLES.genre || title.genres.includes(TAB_VARIABLES.genre),
).map((title) => title.id);

describe('the explorer in a browser, offline', () => {
  let stack: TestStack;
  let browser: BrowserContext;
  let profileDir: string;
  let page: Page;
  /** Requests to anywhere but the gateway: aborted, and each one a failure of the test. */
  const outside: string[] = [];
  const failedRequests: string[] = [];
  const consoleErrors: string[] = [];
  const sameOrigin: string[] = [];

  beforeAll(async () => {
    const executable = chromiumBinary();
    if (!executable) {
      throw new Error(
        'CI=true and no Chromium at /usr/bin/chromium (or CHROMIUM_PATH): the explorer cannot be tested. ' +
          '.ci/run installs it with `apt-get install chromium`.',
      );
    }
    if (!explorerBundleBuilt()) await buildExplorerBundle();
    stack = await startTestStack(seed);
    profileDir = mkdtempSync(path.join(tmpdir(), 'explorer-chromium-'));
    // A new, empty profile (Playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: executable,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    const origin = new URL(stack.gatewayUrl).origin;
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin || url.startsWith('data:')) {
        sameOrigin.push(url);
        return route.continue();
      }
      outside.push(url);
      return route.abort('blockedbyclient');
    });
    page.on('requestfailed', (request) =>
      failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`),
    );
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('opens from the gateway alone, with the examples as tabs and the token hint', async () => {
    const response = await page.goto(`${stack.gatewayUrl}/graphql`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    await expect(page.locator('#explorer-token-hint').textContent()).resolves.toContain(
      'npm run --silent token -- --role analyst <name>',
    );
    const tabs = await page.locator('.graphiql-tab-button').allTextContents();
    expect(tabs).toEqual(expect.arrayContaining(['Titles', 'Title', 'Play', 'Me', 'EndPlayback']));
    expect(sameOrigin.some((url) => url.endsWith('/explorer/explorer.js'))).toBe(true);
    expect(outside).toEqual([]);
  }, 60_000);

  it('runs a preloaded tab with the token typed into the headers editor, and shows its data', async () => {
    const token = await mintToken(stack);
    await page.locator('.graphiql-tab-button', { hasText: new RegExp(`^${OPERATION_TAB}$`) }).click();
    // The headers editor is open (defaultEditorToolsVisibility); CodeMirror takes typed text.
    await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify({ authorization: `Bearer ${token}` }));
    await page.getByRole('button', { name: /Execute query/ }).click();
    const result = page.locator('.result-window');
    await expect(result.getByText(`"${RESULT_FIELD}"`).first().waitFor({ timeout: 20_000 })).resolves.toBe(
      undefined,
    );
    // CodeMirror 5 renders only the visible lines; its instance on the wrapper holds the whole text.
    const text = await result
      .locator('.CodeMirror')
      .evaluate((element) =>
        (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
      );
    const json = JSON.parse(text) as {
      data?: Record<string, { totalCount: number; edges: { node: { id: string } }[] }>;
      errors?: unknown;
    };
    expect(json.errors).toBeUndefined();
    const titles = json.data?.[RESULT_FIELD];
    expect(titles?.edges.map((edge) => edge.node.id).sort()).toEqual(EXPECTED_IDS);
    expect(titles?.totalCount).toBe(EXPECTED_IDS.length);
  }, 60_000);

  it('fills the docs pane and the query builder from the schema, fetched with that token', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query').first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /GraphiQL Explorer/ }).click();
    await page.locator('.graphiql-explorer-root, .docExplorerWrap').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: SCREENSHOT });
  }, 60_000);

  it('needed nothing outside the gateway, and logged no error', () => {
    expect(outside).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

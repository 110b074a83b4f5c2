/**
 * The analysts' explorer in a real Chromium against the real processes of `npm start`, with the
 * network closed: every request outside the gateway's origin is aborted and recorded, and none may
 * be needed. An analyst's token typed into the headers editor, the preloaded ExplainPlay tab run, the
 * failed rule in the result pane.
 * Saves docs/images/explorer.png (docs/analysts.md shows it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildExplorerBundle, explorerBundleBuilt } from '../../../gateway/src/explorer/bundle';
import { loadDataset } from '@platform/dataset/load';
import { Seed } from '@testing/seed';
import { launchOfflineBrowser, type OfflineBrowser } from '@testing/offlineBrowser';
import { startTestStack, type TestStack } from '@testing/stack';

/** The tab the test runs (clients/analyst/ExplainPlay.graphql), by the name GraphiQL shows on it. */
const OPERATION_TAB = 'ExplainPlay';
/** The analyst whose token is typed into the headers editor. */
const ANALYST = 'ana';

const SCREENSHOT = path.join(__dirname, '..', '..', '..', 'docs', 'images', 'explorer.png');

/** The tab's example variables, as the page preloads them: a question about the demo dataset. */
const TAB_VARIABLES = JSON.parse(
  readFileSync(
    path.join(__dirname, '..', '..', '..', 'clients', 'analyst', 'ExplainPlay.variables.json'),
    'utf8',
  ),
) as { input: { profileId: string; titleId: string } };
const dataset = loadDataset();
const profile = dataset.profiles.find((candidate) => candidate.id === TAB_VARIABLES.input.profileId)!;
const title = dataset.titles.find((candidate) => candidate.id === TAB_VARIABLES.input.titleId)!;

describe('the explorer in a browser, offline', () => {
  let stack: TestStack;
  let browser: OfflineBrowser;
  let page: Page;

  beforeAll(async () => {
    if (!explorerBundleBuilt()) await buildExplorerBundle();
    // The demo dataset of `npm start`, so that the page's example variables ask a real question.
    stack = await startTestStack(Seed.of(dataset));
    browser = await launchOfflineBrowser({
      allowedOrigins: [new URL(stack.gatewayUrl).origin],
      viewport: { width: 1440, height: 900 },
    });
    page = browser.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('opens from the gateway alone, with the examples as tabs and the token hint', async () => {
    const response = await page.goto(`${stack.gatewayUrl}/graphql`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    await expect(page.locator('#explorer-token-hint').textContent()).resolves.toContain(
      'npm run --silent token -- --role analyst <name>',
    );
    const tabs = await page.locator('.graphiql-tab-button').allTextContents();
    expect(tabs).toEqual(
      expect.arrayContaining([
        'ExplainPlay',
        'AccountProfiles',
        'AvailableTitles',
        'FieldUsage',
        'PlayDecisions',
        'PlayDecision',
        'RefusalCounts',
        'Titles',
        'Play',
        'EndPlayback',
      ]),
    );
    expect(browser.allowed.some((url) => url.endsWith('/explorer/explorer.js'))).toBe(true);
    expect(browser.outside).toEqual([]);
  }, 60_000);

  it('explains a refusal with an analyst token typed into the headers editor: the failed rule is in the result pane', async () => {
    const token = await stack.tokenFor(ANALYST, ['analyst']);
    await page.locator('.graphiql-tab-button', { hasText: new RegExp(`^${OPERATION_TAB}$`) }).click();
    // The headers editor is open (defaultEditorToolsVisibility); CodeMirror takes typed text.
    await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify({ authorization: `Bearer ${token}` }));
    await page.getByRole('button', { name: /Execute query/ }).click();
    const result = page.locator('.result-window');
    await result
      .getByText(/"(data|errors)"/)
      .first()
      .waitFor({ timeout: 20_000 });
    // CodeMirror 5 renders only the visible lines; its instance on the wrapper holds the whole text.
    const text = await result
      .locator('.CodeMirror')
      .evaluate((element) =>
        (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
      );
    const json = JSON.parse(text) as {
      data?: {
        explainPlay: {
          decision: { reason: string };
          rules: { rule: string; outcome: string; evidence: string[] }[];
        };
      };
      errors?: unknown;
    };
    expect(json.errors).toBeUndefined();
    // The example asks about a profile whose limit is below the title's rating.
    expect(profile.maxMaturity).toBeLessThan(title.maturityRating);
    const { decision, rules } = json.data!.explainPlay;
    expect(decision.reason).toBe('MATURITY_RESTRICTED');
    expect(rules.find((rule) => rule.outcome === 'FAILED')).toEqual({
      rule: 'MATURITY',
      outcome: 'FAILED',
      description: expect.any(String),
      evidence: [
        `The title is rated ${title.maturityRating}.`,
        `Profile ${profile.id} plays titles rated up to ${profile.maxMaturity}.`,
      ],
    });
    // Scrolls the result pane to the failed rule for the screenshot (docs/analysts.md shows it).
    await result.locator('.CodeMirror').evaluate((element) => {
      const editor = (
        element as unknown as {
          CodeMirror: {
            getValue(): string;
            scrollIntoView(where: { line: number; ch: number }, margin: number): void;
          };
        }
      ).CodeMirror;
      const line = editor
        .getValue()
        .split('\n')
        .findIndex((text) => text.includes('"FAILED"'));
      editor.scrollIntoView({ line: line + 4, ch: 0 }, 120);
    });
    await page.screenshot({ path: SCREENSHOT });
  }, 60_000);

  it('fills the docs pane and the query builder from the schema, fetched with that token', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query').first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /GraphiQL Explorer/ }).click();
    await page.locator('.graphiql-explorer-root, .docExplorerWrap').first().waitFor({ timeout: 20_000 });
  }, 60_000);

  it('needed nothing outside the gateway, and logged no error', () => {
    expect(browser.outside).toEqual([]);
    expect(browser.failedRequests).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });
});

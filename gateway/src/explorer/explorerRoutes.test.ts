import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLogger } from '@platform/log';
import { startTestGateway, type TestGateway } from '@testing/testGateway';
import { CONFIG_ELEMENT_ID, type ExplorerConfig } from './config';
import { EXPLORER_CSP } from './page';
import { registerExplorer } from './explorerRoutes';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const openPage = (url: string) => fetch(`${url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });

function configOf(html: string): ExplorerConfig {
  const match = new RegExp(
    `<script type="application/json" id="${CONFIG_ELEMENT_ID}">(.*?)</script>`,
    's',
  ).exec(html);
  if (!match) throw new Error('no config block in the page');
  return JSON.parse(match[1]!) as ExplorerConfig;
}

describe('the explorer on the public listener', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it("answers a browser's GET of /graphql with the explorer page, no token needed", async () => {
    const page = await openPage(gateway.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<link rel="stylesheet" href="/explorer/explorer.css">');
    expect(gateway.subgraphFetches()).toBe(0);
  });

  it('allows nothing from another origin on the page, and forbids framing it', async () => {
    const page = await openPage(gateway.url);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(EXPLORER_CSP);
    expect(csp).not.toMatch(/https?:|\*|'unsafe-eval'/);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).not.toMatch(/(src|href)="https?:/);
  });

  it('preloads the device operations as tabs, and shows how to get a token in development', async () => {
    const html = await (await openPage(gateway.url)).text();
    const config = configOf(html);
    expect(config.endpoint).toBe('/graphql');
    expect(config.tabs.some((tab) => /query Titles\b/.test(tab.query))).toBe(true);
    expect(config.tabs.some((tab) => /mutation EndPlayback\b/.test(tab.query))).toBe(true);
    expect(html).toContain('npm run --silent token -- --role analyst &lt;name&gt;');
    expect(html).toContain('{"authorization": "Bearer &lt;token&gt;"}');
  });

  it('leaves GraphQL clients to GraphQL: a GET that prefers JSON still needs a token', async () => {
    const answer = await fetch(`${gateway.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(answer.status).toBe(401);
  });
});

describe('the explorer in production', () => {
  it('shows no development hint', async () => {
    const gateway = await startTestGateway({ production: true });
    try {
      const page = await openPage(gateway.url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('id="explorer"');
      expect(html).not.toContain('explorer-token-hint');
      expect(html).not.toContain('--role analyst');
    } finally {
      await gateway.stop();
    }
  });
});

describe("the explorer's files", () => {
  let dir: string;
  let app: FastifyInstance;
  let url: string;
  const logger = createLogger('gateway', 'silent');

  async function serve(files: Record<string, string>) {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    app = Fastify();
    const explorer = await registerExplorer(app, {
      endpoint: '/graphql',
      production: false,
      logger,
      bundleDir: dir,
      exampleFolders: [],
    });
    app.get('/graphql', (_request, reply) => explorer.sendPage(reply));
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'explorer-bundle-'));
  });
  afterEach(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the bundle from the gateway itself, under /explorer/', async () => {
    await serve({ 'explorer.js': 'console.log(1)', 'explorer.css': 'body{}' });
    const script = await fetch(`${url}/explorer/explorer.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toBe('console.log(1)');
    const stylesheet = await fetch(`${url}/explorer/explorer.css`);
    expect(stylesheet.headers.get('content-type')).toContain('text/css');
    expect((await fetch(`${url}/explorer/%2e%2e/package.json`)).status).toBe(404);
    const html = await (await fetch(`${url}/graphql`)).text();
    expect(html).toContain('<script src="/explorer/explorer.js"></script>');
    expect(html).not.toContain('npm run build:explorer');
  });

  it('says how to build the bundle when it is missing, instead of a blank page', async () => {
    await serve({});
    const page = await fetch(`${url}/graphql`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('npm run build:explorer');
    expect(html).not.toContain('<script src=');
  });
});

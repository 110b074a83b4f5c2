import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXAMPLE_FOLDERS, readExamples } from './examples';

describe('the explorer examples', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'explorer-examples-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const folder = (name: string, files: Record<string, string>) => {
    const at = path.join(dir, name);
    mkdirSync(at);
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(at, file), text);
    return at;
  };

  it('makes a tab of every .graphql file, folder by folder, with its variables file when there is one', async () => {
    const first = folder('first', {
      'B.graphql': 'query B { b }',
      'A.graphql': 'query A($id: ID!) { a(id: $id) }',
      'A.variables.json': '{"id":"t-1"}',
      'README.md': 'not an operation',
    });
    const second = folder('second', { 'C.graphql': 'query C { c }' });
    const { tabs } = await readExamples([first, second]);
    expect(tabs).toEqual([
      { query: 'query A($id: ID!) { a(id: $id) }', variables: '{\n  "id": "t-1"\n}' },
      { query: 'query B { b }' },
      { query: 'query C { c }' },
    ]);
  });

  it('skips a folder that does not exist', async () => {
    const only = folder('only', { 'A.graphql': 'query A { a }' });
    const { tabs } = await readExamples([path.join(dir, 'missing'), only]);
    expect(tabs).toEqual([{ query: 'query A { a }' }]);
  });

  it('changes its fingerprint when an example changes, so stored tabs do not hide it', async () => {
    const at = folder('ops', { 'A.graphql': 'query A { a }' });
    const before = await readExamples([at]);
    expect((await readExamples([at])).fingerprint).toBe(before.fingerprint);
    writeFileSync(path.join(at, 'B.graphql'), 'query B { b }');
    expect((await readExamples([at])).fingerprint).not.toBe(before.fingerprint);
  });

  it('names the file whose variables are not a JSON object', async () => {
    const at = folder('bad', { 'A.graphql': 'query A { a }', 'A.variables.json': '{"id":' });
    await expect(readExamples([at])).rejects.toThrow(/A\.variables\.json is not JSON/);
    writeFileSync(path.join(at, 'A.variables.json'), '[1]');
    await expect(readExamples([at])).rejects.toThrow(/A\.variables\.json must hold a JSON object/);
  });

  it("reads the repository's device operations, each with valid example variables", async () => {
    const { tabs } = await readExamples(EXAMPLE_FOLDERS);
    const titles = tabs.find((tab) => /query Titles\b/.test(tab.query));
    expect(titles).toBeDefined();
    for (const tab of tabs) if (tab.variables) expect(JSON.parse(tab.variables)).toBeInstanceOf(Object);
  });
});

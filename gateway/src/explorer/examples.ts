/**
 * The explorer's preloaded tabs: every `.graphql` file of the example folders, read when the page is
 * served, so a new file shows up on the next page load without a code change or a rebuild. A file's
 * example variables, where it has any, sit beside it as `<Name>.variables.json`.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExampleTab } from './config';

const REPOSITORY = path.resolve(__dirname, '..', '..', '..');

/** Analysts' operations first (the explorer is theirs), then the device operations. */
export const EXAMPLE_FOLDERS = [
  path.join(REPOSITORY, 'clients', 'analyst'),
  path.join(REPOSITORY, 'clients', 'operations'),
];

export interface Examples {
  tabs: ExampleTab[];
  /** Changes whenever a tab does (ExplorerConfig.storageNamespace). */
  fingerprint: string;
}

export async function readExamples(folders: readonly string[] = EXAMPLE_FOLDERS): Promise<Examples> {
  const tabs: ExampleTab[] = [];
  for (const folder of folders) tabs.push(...(await readFolder(folder)));
  const fingerprint = createHash('sha256').update(JSON.stringify(tabs)).digest('hex').slice(0, 12);
  return { tabs, fingerprint };
}

async function readFolder(folder: string): Promise<ExampleTab[]> {
  let files: string[];
  try {
    files = await readdir(folder);
  } catch (error) {
    // A folder that does not exist (yet) has no examples.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const operations = files.filter((file) => file.endsWith('.graphql')).sort();
  return Promise.all(
    operations.map(async (file) => {
      const query = await readFile(path.join(folder, file), 'utf8');
      const variables = await readVariables(path.join(folder, file.replace(/\.graphql$/, '.variables.json')));
      return variables === undefined ? { query } : { query, variables };
    }),
  );
}

/** The example variables file's text, checked to be a JSON object; undefined when there is none. */
async function readVariables(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${file} must hold a JSON object of variables`);
  }
  return JSON.stringify(parsed, null, 2);
}

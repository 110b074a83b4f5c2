import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Core files: everything except tests and Node-only helpers (`node/`); test helpers live in ../test/support/. */
function coreFiles(dir = __dirname): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node' ? [] : coreFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the player core', () => {
  it.each(coreFiles().map((file) => [path.relative(__dirname, file), file]))(
    '%s imports no Node-only module, so it runs in browsers',
    (_name, file) => {
      const source = readFileSync(file, 'utf8');
      expect(source).not.toMatch(/from '(node:|fs|path|http|https|os|crypto|child_process)['/]/);
      expect(source).not.toMatch(/\b(process|Buffer|setImmediate|require)\b[.(]/);
    },
  );
});

/**
 * The arrows between folders ("Every arrow points down"), checked by `npm run lint:layers` (part of
 * `npm run lint`; scripts/lint-layers.ts). ESLint sees one import at a time and madge (`lint:cycles`)
 * cycles between files; this sees folders.
 *
 * The graph: every import of the production code under the trees below (type-only imports and
 * re-exports included), resolved as tsc resolves it (tsconfig.json's `paths`). Test code
 * (`*.test.ts`, `test/support/`) is left out, as in eslint.config.mjs: a test runs on top of what it
 * tests. Each file counts as its folder, and:
 *
 * 1. Services (gateway/src, subgraphs/<name>/src): the files directly in the service's folder are its
 *    entry layer (server wiring, process start): they may import any folder of the service, and no
 *    folder of the service imports them.
 * 2. No cycle between the folders of one tree (a service, clients/<name>, lib/platform). In the trees
 *    that are libraries (clients/<name>, lib/platform) a file directly in the tree's folder is a unit
 *    of its own (`@platform/env`, `@platform/log`...): they have no entry layer.
 * 3. Browser code (clients/player/src but src/node/, clients/player/web/) imports nothing outside
 *    clients/, relative paths included.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import of one file: where it is and what it reaches. */
interface Import {
  file: string;
  line: number;
  specifier: string;
  target: string;
}

const SERVICE = /^(gateway\/src|subgraphs\/[^/]+\/src)(\/|$)/;
const LIBRARY = /^(clients\/[^/]+|lib\/platform)(\/|$)/;
const BROWSER = /^clients\/player\/(web\/|src\/(?!node\/))/;
const TEST_CODE = /(\.test\.ts$|(^|\/)test\/support\/)/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'built']);

/** The tree a repository-relative path belongs to, if any: `{ root, service }`. */
function treeOf(file: string): { root: string; service: boolean } | undefined {
  const service = SERVICE.exec(file);
  if (service) return { root: service[1]!, service: true };
  const library = LIBRARY.exec(file);
  return library ? { root: library[1]!, service: false } : undefined;
}

/** The unit a file counts as: its folder, or itself when it lies directly in a library's folder. */
function unitOf(file: string): string {
  const tree = treeOf(file)!;
  const folder = path.posix.dirname(file);
  return folder === tree.root && !tree.service ? file : folder;
}

function productionFiles(repository: string): string[] {
  const trees = [
    'gateway/src',
    'lib/platform',
    ...['subgraphs', 'clients'].flatMap((parent) =>
      existsSync(path.join(repository, parent))
        ? readdirSync(path.join(repository, parent), { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => `${parent}/${entry.name}${parent === 'subgraphs' ? '/src' : ''}`)
        : [],
    ),
  ];
  const walk = (relative: string): string[] =>
    readdirSync(path.join(repository, relative), { withFileTypes: true }).flatMap((entry) => {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : walk(child);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [child] : [];
    });
  return trees
    .filter((tree) => existsSync(path.join(repository, tree)))
    .flatMap(walk)
    .filter((file) => !TEST_CODE.test(file));
}

function compilerOptions(repository: string): ts.CompilerOptions {
  const configFile = path.join(repository, 'tsconfig.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config ?? {}, ts.sys, repository, undefined, configFile).options;
}

/** Every import of `files` that resolves to a file of the repository (not node_modules). */
function importsOf(repository: string, files: string[]): Import[] {
  const options = compilerOptions(repository);
  const cache = ts.createModuleResolutionCache(repository, (name) => name, options);
  return files.flatMap((file) => {
    const absolute = path.join(repository, file);
    const source = readFileSync(absolute, 'utf8');
    const { importedFiles } = ts.preProcessFile(source, true, true);
    return importedFiles.flatMap(({ fileName: specifier, pos }) => {
      const { resolvedModule } = ts.resolveModuleName(specifier, absolute, options, ts.sys, cache);
      if (!resolvedModule || resolvedModule.isExternalLibraryImport) return [];
      const target = path.relative(repository, resolvedModule.resolvedFileName).split(path.sep).join('/');
      if (target.startsWith('..') || target.includes('node_modules/')) return [];
      const line = source.slice(0, pos).split('\n').length;
      return [{ file, line, specifier, target }];
    });
  });
}

const describe = (item: Import) => `${item.file}:${item.line} imports '${item.specifier}' (${item.target})`;

/** Strongly connected components of more than one unit (Tarjan). */
function cycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (unit: string) => {
    index.set(unit, index.size);
    low.set(unit, index.get(unit)!);
    stack.push(unit);
    for (const next of edges.get(unit) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(unit, Math.min(low.get(unit)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(unit, Math.min(low.get(unit)!, index.get(next)!));
      }
    }
    if (low.get(unit) === index.get(unit)) {
      const component = stack.splice(stack.indexOf(unit));
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const unit of edges.keys()) if (!index.has(unit)) visit(unit);
  return found;
}

/**
 * The violations of the rules above in the repository at `repository`, one message each (empty when
 * it passes).
 */
export function checkLayers(repository: string): string[] {
  const imports = importsOf(repository, productionFiles(repository));
  const problems: string[] = [];

  // Rule 3: browser code.
  for (const item of imports) {
    if (BROWSER.test(item.file) && !item.target.startsWith('clients/')) {
      problems.push(`browser code reaches outside clients/: ${describe(item)}`);
    }
  }

  // The folder edges within one tree, with the imports behind each.
  const behind = new Map<string, Import[]>();
  for (const item of imports) {
    const tree = treeOf(item.file)!;
    if (treeOf(item.target)?.root !== tree.root) continue;
    const from = unitOf(item.file);
    const to = unitOf(item.target);
    if (from === to) continue;
    const key = `${from} -> ${to}`;
    behind.set(key, [...(behind.get(key) ?? []), item]);
  }

  // Rule 1: nothing below a service's entry imports it. Rule 2: the rest of the edges form no cycle.
  const edges = new Map<string, Set<string>>();
  for (const [key, items] of behind) {
    const [from, to] = key.split(' -> ') as [string, string];
    const tree = treeOf(from)!;
    if (tree.service && to === tree.root) {
      problems.push(
        [`${from}/ imports the entry layer of its service (${to}/*.ts):`, ...items.map(describe)].join(
          '\n  ',
        ),
      );
      continue;
    }
    edges.set(from, (edges.get(from) ?? new Set()).add(to));
  }
  for (const component of cycles(edges)) {
    const lines = [...behind]
      .filter(([key]) => {
        const [from, to] = key.split(' -> ') as [string, string];
        return component.includes(from) && component.includes(to);
      })
      .flatMap(([key, items]) => [`${key}:`, ...items.map((item) => `  ${describe(item)}`)]);
    problems.push([`folders import each other (${component.join(', ')}):`, ...lines].join('\n  '));
  }
  return problems;
}

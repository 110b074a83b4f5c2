import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkLayers } from '../../scripts/layers';

const REPOSITORY = path.join(__dirname, '..', '..');

/** A small repository with the layout the check knows, and one deliberate mistake of each kind. */
const FIXTURE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      module: 'Node16',
      moduleResolution: 'Node16',
      baseUrl: '.',
      paths: { '@platform/*': ['lib/platform/*'] },
    },
  }),
  'lib/platform/log.ts': 'export const log = 1;\n',
  // A library's top-level file is a unit of its own: keys/ may import it.
  'lib/platform/keys/keyring.ts': "import { log } from '../log';\nexport const keyring = log;\n",
  'gateway/src/server.ts':
    "import { app } from './http/app';\nimport { PAGE } from './player/config';\nexport const server = [app, PAGE];\n",
  'gateway/src/player/config.ts': "export const PAGE = 'page';\n",
  // http/ and legacy/ import each other.
  'gateway/src/http/app.ts': "import { routes } from '../legacy/routes';\nexport const app = routes;\n",
  'gateway/src/http/json.ts': 'export const json = 1;\n',
  'gateway/src/legacy/routes.ts': "import { json } from '../http/json';\nexport const routes = json;\n",
  // A folder of a service imports the service's entry layer.
  'subgraphs/notes/src/server.ts':
    "import { resolvers } from './resolvers/index';\nexport const server = resolvers;\n",
  'subgraphs/notes/src/context.ts': 'export interface NotesContext {\n  id: string;\n}\n',
  'subgraphs/notes/src/resolvers/index.ts':
    "import type { NotesContext } from '../context';\nexport const resolvers = (context: NotesContext) => context.id;\n",
  // Browser code reaching into the server, by a relative path and by a shared name.
  'clients/player/web/ui/main.ts':
    "import { PAGE } from '../../../../gateway/src/player/config';\nexport const main = PAGE;\n",
  'clients/player/src/index.ts':
    "import { log } from '@platform/log';\nimport { store } from './node/store';\nexport const index = [log, store];\n",
  // A parent folder and its child import each other; Node code and tests may reach outside clients/.
  'clients/player/src/node/store.ts':
    "import { log } from '@platform/log';\nimport { index } from '../index';\nexport const store = [log, index];\n",
  'clients/player/src/index.test.ts':
    "import { PAGE } from '../../../gateway/src/player/config';\nvoid PAGE;\n",
};

describe('the folder-level layer check (npm run lint:layers)', () => {
  let fixture: string;

  beforeAll(() => {
    fixture = mkdtempSync(path.join(tmpdir(), 'layers-'));
    for (const [file, text] of Object.entries(FIXTURE)) {
      mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
      writeFileSync(path.join(fixture, file), text);
    }
  });
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('passes on this repository', () => {
    expect(checkLayers(REPOSITORY)).toEqual([]);
  });

  it('names each offending import: browser code reaching out of clients/, folders importing each other, a folder importing its entry layer', () => {
    const problems = checkLayers(fixture);
    expect(problems).toHaveLength(5);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          "browser code reaches outside clients/: clients/player/web/ui/main.ts:1 imports '../../../../gateway/src/player/config' (gateway/src/player/config.ts)",
        ),
        expect.stringContaining(
          "browser code reaches outside clients/: clients/player/src/index.ts:1 imports '@platform/log' (lib/platform/log.ts)",
        ),
        expect.stringMatching(
          /folders import each other \(gateway\/src\/http, gateway\/src\/legacy\)[^]*gateway\/src\/http\/app.ts:1 imports '..\/legacy\/routes'[^]*gateway\/src\/legacy\/routes.ts:1 imports '..\/http\/json'/,
        ),
        expect.stringMatching(
          /folders import each other \(clients\/player\/src, clients\/player\/src\/node\)[^]*clients\/player\/src\/node\/store.ts:2 imports '..\/index'/,
        ),
        expect.stringContaining(
          "subgraphs/notes/src/resolvers/ imports the entry layer of its service (subgraphs/notes/src/*.ts):\n  subgraphs/notes/src/resolvers/index.ts:1 imports '../context'",
        ),
      ]),
    );
  });

  it('makes the lint script fail', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lint-layers.ts', fixture], {
      cwd: REPOSITORY,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "clients/player/web/ui/main.ts:1 imports '../../../../gateway/src/player/config'",
    );
  });
});

/**
 * graphql-codegen: typed resolver maps per subgraph (from its SDL, federation-aware), typed documents
 * for the device operations in `clients/` (from the composed API schema), and those operations as
 * trusted documents: the list the gateway runs by id and the ids the player SDK sends.
 * Run `npm run codegen`; a test fails when the generated files are stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
// Relative, not `@platform/registry`: graphql-codegen's loader does not read the tsconfig paths.
import { subgraphs, type SubgraphEntry } from './lib/platform/registry';
import {
  PERSISTED_DOCUMENTS_PLUGIN,
  persistedDocumentsPlugin,
  type PersistedDocumentsConfig,
} from './lib/platform/codegen/persistedDocuments';

const DEVICE_OPERATIONS = 'clients/operations/*.graphql';

/** The trusted documents in one of the plugin's two forms. */
const trustedDocuments = (output: PersistedDocumentsConfig['output']) => ({
  schema: 'schema/api.graphql',
  documents: DEVICE_OPERATIONS,
  plugins: [PERSISTED_DOCUMENTS_PLUGIN],
  config: { output },
});

/** The device operations as typed documents. */
const typedOperations = {
  schema: 'schema/api.graphql',
  documents: DEVICE_OPERATIONS,
  plugins: ['typescript-operations', 'typed-document-node'],
  config: { enumsAsTypes: true, scalars: { DateTime: 'string' }, useTypeImports: true },
};

/** One subgraph's typed resolver map, with the mappers and context its `subgraph.json` declares. */
const resolverMap = ({ name, codegen }: SubgraphEntry) =>
  [
    `subgraphs/${name}/src/__generated__/resolvers.ts`,
    {
      schema: `subgraphs/${name}/schema.graphql`,
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        contextType: codegen.contextType,
        mappers: codegen.mappers,
        mapperTypeSuffix: 'Model',
        enumsAsTypes: true,
        scalars: { DateTime: 'string', RuleTrace: "import('@contracts/decisionNotes').RecordedRule[]" },
        avoidOptionals: { field: true, inputValue: false },
        useTypeImports: true,
      },
    },
  ] as const;

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...Object.fromEntries(subgraphs().map(resolverMap)),
    'clients/__generated__/operations.ts': typedOperations,
    'clients/__generated__/persisted-documents.json': trustedDocuments('list'),
    'clients/__generated__/documentIds.ts': trustedDocuments('ids'),
    // The same, inside the player package, so that a device team can take clients/player alone.
    'clients/player/src/__generated__/operations.ts': typedOperations,
    'clients/player/src/__generated__/documentIds.ts': trustedDocuments('ids'),
  },
  // The repository's own plugin is handed over directly; every other name loads as graphql-codegen
  // would (a miss must reject with the module-not-found error it gets, so the next candidate is tried).
  pluginLoader: (name) => (name === PERSISTED_DOCUMENTS_PLUGIN ? persistedDocumentsPlugin : import(name)),
};

export default config;

/**
 * graphql-codegen: typed resolver maps per subgraph (from its SDL, federation-aware) and typed
 * documents for the device operations in `clients/` (from the composed API schema).
 * Run `npm run codegen`; a test fails when the generated files are stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const subgraph = (name: string, mappers: Record<string, string>, contextType: string) => ({
  [`subgraphs/${name}/src/__generated__/resolvers.ts`]: {
    schema: `subgraphs/${name}/schema.graphql`,
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useIndexSignature: true,
      contextType,
      mappers,
      mapperTypeSuffix: 'Model',
      enumsAsTypes: true,
      scalars: { DateTime: 'string' },
      avoidOptionals: { field: true, inputValue: false },
      useTypeImports: true,
    },
  },
});

const model = '@platform/dataset/model';

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...subgraph('catalog', { Title: `${model}#Title` }, '../context#CatalogContext'),
    ...subgraph(
      'profiles',
      { Profile: `${model}#Profile`, Account: `${model}#User` },
      '../context#ProfilesContext',
    ),
    ...subgraph(
      'entitlements',
      { PlaySession: '../mappers#PlaySessionRepresentation' },
      '../context#EntitlementsContext',
    ),
    ...subgraph(
      'playback',
      {
        PlaySession: '../mappers#PlaySessionParent',
        Title: '../mappers#EntityReference',
        Profile: '../mappers#EntityReference',
        ContinueWatchingItem: '../mappers#ContinueWatchingEntry',
      },
      '../context#PlaybackContext',
    ),
    'clients/__generated__/operations.ts': {
      schema: 'schema/api.graphql',
      documents: 'clients/operations/*.graphql',
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { enumsAsTypes: true, scalars: { DateTime: 'string' }, useTypeImports: true },
    },
  },
};

export default config;

/**
 * graphql-codegen: typed resolver maps per subgraph (from its SDL, federation-aware) and typed
 * documents for the device operations in `clients/` (from the composed API schema).
 * Run `npm run codegen`; a test fails when the generated files are stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
// Relative, not `@platform/registry`: graphql-codegen's loader does not read the tsconfig paths.
import { subgraphs, type SubgraphEntry } from './lib/platform/registry';

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
        scalars: { DateTime: 'string' },
        avoidOptionals: { field: true, inputValue: false },
        useTypeImports: true,
      },
    },
  ] as const;

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...Object.fromEntries(subgraphs().map(resolverMap)),
    'clients/__generated__/operations.ts': {
      schema: 'schema/api.graphql',
      documents: 'clients/operations/*.graphql',
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { enumsAsTypes: true, scalars: { DateTime: 'string' }, useTypeImports: true },
    },
  },
};

export default config;

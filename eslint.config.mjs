import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Test code: test files, test/, and the test support of one package kept beside it
 * (`clients/player/test/support/`, `subgraphs/<name>/test/support/`), outside its production tree.
 */
const TEST_FILES = ['**/*.test.ts', 'test/**', '**/test/support/**'];
/** Benchmarks measure through the same rigs as the tests. */
const BENCHMARKS = ['scripts/bench*.ts'];

/** Shared code is reached by its name, never by climbing into lib/ with `../`. */
const sharedByName = {
  group: ['**/lib/**', '**/lib'],
  message: 'Import shared code by name: @platform/*, @contracts/* (tsconfig.json `paths`).',
};
const testHelpers = {
  group: ['@testing/*', '**/test/support/**', '**/test/support'],
  message: 'Test helpers stay out of production code.',
};

/** A subgraph reaches no other subgraph's code (nor the gateway's): only its own folder and lib/. */
const SUBGRAPHS = readdirSync(path.join(import.meta.dirname, 'subgraphs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const ownSubgraph = (name) => ({
  group: [
    '**/subgraphs/**',
    '**/gateway/**',
    ...SUBGRAPHS.filter((other) => other !== name).flatMap((other) => [
      `**/${other}/src`,
      `**/${other}/src/**`,
    ]),
  ],
  message: 'A subgraph is on its own: it reaches other services only through the gateway.',
});

const browserOnly =
  "The player's core runs in browsers: Node modules only under clients/player/src/node/, and no server code.";

/** `no-restricted-imports` takes one list per file: each boundary below spells its whole list. */
const restrict = (...patterns) => ['error', { patterns }];
const builtins = builtinModules.filter((name) => !name.startsWith('_'));

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '**/__generated__/**',
      'schema/**',
      'gateway/src/explorer/built/**',
      'gateway/src/player/built/**',
      'dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'error',
      'no-restricted-imports': restrict(sharedByName, testHelpers),
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='ApolloGateway']",
          message:
            "Make the gateway with createApolloGateway (gateway/src/supergraph/apolloGateway.ts): it keeps Apollo's telemetry and cloud probes off.",
        },
      ],
    },
  },
  {
    files: ['gateway/src/supergraph/apolloGateway.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: [...TEST_FILES, ...BENCHMARKS],
    rules: { 'no-restricted-imports': restrict(sharedByName) },
  },
  ...SUBGRAPHS.flatMap((name) => [
    {
      files: [`subgraphs/${name}/**`],
      rules: { 'no-restricted-imports': restrict(sharedByName, testHelpers, ownSubgraph(name)) },
    },
    {
      files: TEST_FILES.map((pattern) => `subgraphs/${name}/${pattern}`),
      rules: { 'no-restricted-imports': restrict(sharedByName, ownSubgraph(name)) },
    },
  ]),
  ...[false, true].map((tests) => ({
    files: tests ? TEST_FILES.map((pattern) => `lib/${pattern}`) : ['lib/**'],
    rules: {
      // Shared code's tests may use the test helpers, like every other test.
      'no-restricted-imports': restrict(...(tests ? [] : [testHelpers]), {
        group: ['**/subgraphs/**', '**/gateway/**', '**/clients/**', '**/edge/**', '**/simulator/**'],
        message: 'Shared code depends on no service: the services depend on it.',
      }),
    },
  })),
  {
    // The reference web player (clients/player/web/) runs in the browser too.
    files: ['clients/player/src/**', 'clients/player/web/**'],
    ignores: ['clients/player/src/node/**', ...TEST_FILES],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtins.map((name) => ({ name, message: browserOnly })),
          patterns: [
            testHelpers,
            sharedByName,
            { group: ['node:*', '@platform/*', '@contracts/*'], message: browserOnly },
            {
              // Caught for good (any path, relative or not) by scripts/layers.ts in `npm run lint`.
              group: ['**/gateway/**', '**/subgraphs/**', '**/edge/**', '**/simulator/**', '**/scripts/**'],
              message: browserOnly,
            },
          ],
        },
      ],
    },
  },
  {
    // graphql-codegen loads codegen.ts with its own loader, which does not know the `paths` aliases.
    files: ['codegen.ts'],
    rules: { 'no-restricted-imports': restrict(testHelpers) },
  },
  {
    files: ['scripts/**', ...TEST_FILES],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: { module: 'writable', require: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
);

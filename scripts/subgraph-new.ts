/**
 * `npm run subgraph:new -- <name>`: scaffolds `subgraphs/<name>/` (see lib/platform/scaffold/scaffold.ts)
 * and says what to run next. Exits 1, writing nothing, for an invalid or taken name.
 */
import * as prettier from 'prettier';
import { REPOSITORY_ROOT } from '@platform/env';
import { scaffoldSubgraph, ScaffoldError } from '@platform/scaffold/scaffold';

/** As `npm run lint` wants it (`prettier --check`), whatever the length of the name. */
async function formatted(file: string, text: string): Promise<string> {
  return prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
}

async function main(): Promise<number> {
  const [name, ...extra] = process.argv.slice(2);
  if (!name || extra.length > 0) {
    console.error('Usage: npm run subgraph:new -- <name>   (lower case, such as "recommendations")');
    return 2;
  }
  try {
    const created = await scaffoldSubgraph({ root: REPOSITORY_ROOT, name, format: formatted });
    console.log(`created subgraph "${created.name}" on port ${created.port}, off the play path:`);
    for (const file of created.files) console.log(`  ${file}`);
    console.log(
      [
        '',
        'next:',
        '  npm run compose && npm run codegen     # the supergraph and your typed resolvers',
        `  npx jest subgraphs/${created.name}     # its server test`,
        '  npm start                              # it runs with the others (docs/product-teams.md)',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof ScaffoldError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);

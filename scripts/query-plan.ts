/**
 * `npm run query-plan [-- <file.graphql> | '<query>' | --query '<query>']`: prints the gateway's
 * query plan for an operation (by default the device `play` operation), from the checked-in
 * supergraph, as the README shows it. A query can be given inline, to see at once how the gateway
 * would split it between the subgraphs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { REPOSITORY_ROOT } from '@platform/env';
import { SUPERGRAPH_PATH } from '@platform/composition';

const USAGE = `usage: npm run query-plan [-- <file.graphql> | '<query>' | --query '<query>']
  with nothing: the plan of clients/operations/Play.graphql`;

/** What a bare argument that is no file must start with to be taken for an inline operation. */
const INLINE = /^\s*(\{|query\b|mutation\b|subscription\b|fragment\b)/;

/** The operation's text and where it came from, for messages. */
function operationSource(args: readonly string[]): { text: string; from: string } {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  const flag = args.indexOf('--query');
  if (flag >= 0) {
    const text = args[flag + 1];
    if (!text) throw new Error(`--query needs the operation after it\n${USAGE}`);
    return { text, from: 'the --query argument' };
  }
  const [argument] = args;
  if (argument === undefined) {
    const file = path.join(REPOSITORY_ROOT, 'clients/operations/Play.graphql');
    return { text: readFileSync(file, 'utf8'), from: path.relative(process.cwd(), file) };
  }
  if (existsSync(argument)) return { text: readFileSync(argument, 'utf8'), from: argument };
  if (INLINE.test(argument)) return { text: argument, from: 'the inline query' };
  throw new Error(`${argument}: no such file, and not a query (one starts with "{" or "query")\n${USAGE}`);
}

try {
  const { text, from } = operationSource(process.argv.slice(2));
  const supergraph = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  const planner = new QueryPlanner(supergraph);
  let operation;
  try {
    operation = operationFromDocument(supergraph.schema, parse(text), { validate: true });
  } catch (error) {
    throw new Error(`${from}: ${(error as Error).message}`);
  }
  console.log(prettyFormatQueryPlan(planner.buildQueryPlan(operation)));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

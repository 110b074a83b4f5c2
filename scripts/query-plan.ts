/**
 * `npm run query-plan [-- file.graphql]`: prints the gateway's query plan for an operation (by
 * default the device `play` operation), from the checked-in supergraph, as the README shows it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { REPOSITORY_ROOT } from '@platform/env';
import { SUPERGRAPH_PATH } from '@platform/composition';

const file = process.argv[2] ?? path.join(REPOSITORY_ROOT, 'clients/operations/Play.graphql');
const supergraph = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const planner = new QueryPlanner(supergraph);
const operation = operationFromDocument(supergraph.schema, parse(readFileSync(file, 'utf8')), {
  validate: true,
});
console.log(prettyFormatQueryPlan(planner.buildQueryPlan(operation)));

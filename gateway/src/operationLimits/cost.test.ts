import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getOperationAST, parse } from 'graphql';
import { API_SCHEMA_PATH, SUPERGRAPH_PATH } from '@platform/composition';
import { estimateCost, type CostEstimate } from './cost';
import { DEFAULT_OPERATION_LIMITS } from './settings';
import { SubgraphJoins } from './subgraphJoins';

const schema = buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));
const joins = SubgraphJoins.fromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));

function estimate(query: string, variables?: Record<string, unknown>, joinsInForce = joins): CostEstimate {
  const document = parse(query);
  const operation = getOperationAST(document)!;
  return estimateCost({
    schema,
    joins: joinsInForce,
    document,
    operation,
    variables,
    settings: DEFAULT_OPERATION_LIMITS,
  });
}

describe('estimateCost', () => {
  it('counts the five fetches of the Play plan: playback, catalog, profiles, entitlements, playback again', () => {
    const play = readFileSync(path.resolve(__dirname, '../../../clients/operations/Play.graphql'), 'utf8');
    expect(estimate(play).fetches).toBe(5);
  });

  it('counts one fetch for a field of the subgraph that fetched its parent', () => {
    expect(estimate('{ title(id: "t") { id name genres } }')).toEqual({
      cost: 11,
      fetches: 1,
      objects: 1,
      sizeVariables: [],
    });
  });

  it('counts one batched fetch for a field another subgraph resolves beneath a list, however many fields it asks', () => {
    const one = estimate('{ me { profiles { continueWatching { positionSeconds } } } }');
    const two = estimate('{ me { profiles { continueWatching { positionSeconds updatedAt } } } }');
    // me from profiles, then one `_entities` fetch to playback for all the (at most 5) profiles.
    expect(one.fetches).toBe(1 + 1);
    expect(two).toEqual(one);
    // The profiles' objects still multiply: 1 account, 5 profiles, 5 x 20 rows.
    expect(one.objects).toBe(1 + 5 + 5 * 20);
  });

  it('sizes a connection by its first argument, its default when absent, and a variable when passed', () => {
    const page = (first: string) => `query($first: Int) { titles${first} { edges { node { id } } } }`;
    expect(estimate(page('')).objects).toBe(1 + 2 * 20);
    expect(estimate(page('(first: 100)')).objects).toBe(1 + 2 * 100);
    expect(estimate(page('(first: $first)'), { first: 50 }).objects).toBe(1 + 2 * 50);
    expect(estimate(page('(first: $first)'), { first: null }).objects).toBe(1 + 2 * 20);
  });

  it('names the variables that sized a list, so an estimate is reused only for the same values of them', () => {
    const page = 'query($first: Int, $unused: Int) { titles(first: $first) { edges { node { id } } } }';
    expect(estimate(page, { first: 5, unused: 1 }).sizeVariables).toEqual(['first']);
    expect(estimate('{ titles(first: 3) { edges { node { id } } } }').sizeVariables).toEqual([]);
  });

  it('multiplies by every alias', () => {
    const one = estimate('{ a: titles(first: 10) { edges { node { id } } } }');
    const three = estimate(
      '{ a: titles(first: 10) { edges { node { id } } } b: titles(first: 10) { edges { node { id } } } c: titles(first: 10) { edges { node { id } } } }',
    );
    // The three root fields go to the catalog in one fetch, as the plan sends them.
    expect(three.objects).toBe(3 * one.objects);
    expect(three.fetches).toBe(1);
  });

  it('counts each root field as one fetch of a schema served without a gateway', () => {
    expect(estimate('{ title(id: "t") { id } }', undefined, SubgraphJoins.none)).toEqual({
      cost: 11,
      fetches: 1,
      objects: 1,
      sizeVariables: [],
    });
  });
});

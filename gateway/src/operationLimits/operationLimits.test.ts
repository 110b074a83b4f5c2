import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BaseContext } from '@apollo/server';
import { buildSchema, parse, getOperationAST } from 'graphql';
import { ErrorCode } from '@contracts/graphqlErrors';
import { API_SCHEMA_PATH, SUPERGRAPH_PATH } from '@platform/composition';
import { startCountingGateway, type CountingGateway } from '@testing/countingGateway';
import {
  DEEPEST_PATH,
  PLAY_VARIABLES,
  directives,
  fields,
  playAliases,
  titlesAliases,
  tokens,
} from '@testing/hostileOperations';
import { estimateCost } from './cost';
import { operationLimits } from './operationLimits';
import { DEFAULT_OPERATION_LIMITS, type OperationLimitSettings } from './settings';
import { measureOperation } from './shape';
import { SubgraphJoins } from './subgraphJoins';
import { OPERATION_LIMIT_CODES, type OperationLimitCode } from './violations';

const OPERATIONS_DIR = path.resolve(__dirname, '../../../clients/operations');

/** Variables that make each device operation as large as a device can make it. */
const DEVICE_VARIABLES: Record<string, Record<string, unknown>> = {
  Play: PLAY_VARIABLES,
  Title: { id: 't-premium-4k' },
  Titles: { first: 100, genre: 'Drama' },
  Me: {},
  ContinueWatching: {},
  // A manifest JWS is a few kilobytes; variables are not tokens of the document.
  EndPlayback: { input: { manifest: 'e'.repeat(4_096), positionSeconds: 86_400, completed: true } },
  Prefetch: PLAY_VARIABLES,
  StartPlayback: { input: { manifest: 'e'.repeat(4_096), play: PLAY_VARIABLES.input } },
};

/** Settings where only the named limit can refuse what the test sends. */
function only(limit: keyof OperationLimitSettings, maximum: number): Partial<OperationLimitSettings> {
  const unbounded = {
    maxTokens: 1_000_000,
    maxAliases: Infinity,
    maxDirectives: Infinity,
    maxDepth: Infinity,
    maxFields: Infinity,
    maxCost: Infinity,
  };
  return { ...unbounded, [limit]: maximum };
}

interface Refusal {
  code: OperationLimitCode;
  message: string;
}

async function expectRefused(
  gateway: CountingGateway,
  query: string,
  refusal: Refusal,
  variables?: Record<string, unknown>,
) {
  const before = gateway.subgraphCalls();
  const { status, body } = await gateway.post(query, variables);
  expect(status).toBe(400);
  expect(body.data).toBeUndefined();
  expect(body.errors).toEqual([
    { message: refusal.message, extensions: expect.objectContaining({ code: refusal.code }) },
  ]);
  expect(gateway.subgraphCalls() - before).toBe(0);
}

describe('operation limits with the default settings', () => {
  let gateway: CountingGateway;
  beforeAll(async () => {
    gateway = await startCountingGateway(operationLimits<BaseContext>());
  });
  afterAll(() => gateway.stop());

  it('refuses 1,000 aliases of play at the token limit, before parsing the rest of the 150 KB', async () => {
    const query = playAliases(1_000);
    expect(query.length).toBeGreaterThan(100_000);
    await expectRefused(
      gateway,
      query,
      {
        code: ErrorCode.TooManyTokens,
        message: 'Too many tokens: the document has more than 2000, the maximum is 2000 (maxTokens).',
      },
      PLAY_VARIABLES,
    );
  });

  it('refuses 60,000 codecs in the variables at the list limit, before the 400 KB playback fetch is built', async () => {
    const input = PLAY_VARIABLES.input as { device: Record<string, unknown> };
    const variables = {
      input: { ...input, device: { ...input.device, codecs: Array(60_000).fill('H264') } },
    };
    await expectRefused(
      gateway,
      'query Play($input: PlayInput!) { play(input: $input) { id } }',
      {
        code: ErrorCode.TooManyListItems,
        message: 'Too many list items: a list in the variables has 60000, the maximum is 100 (maxListItems).',
      },
      variables,
    );
  });

  it('refuses 100 aliases of titles(first: 100) at the alias limit', async () => {
    await expectRefused(gateway, titlesAliases(100, 100), {
      code: ErrorCode.TooManyAliases,
      message: 'Too many aliases: the operation has 100, the maximum is 20 (maxAliases).',
    });
  });

  it('refuses five full pages of titles in one request as too complex, though a device may ask for each', async () => {
    await expectRefused(gateway, titlesAliases(5, 100), {
      code: ErrorCode.OperationTooComplex,
      message: 'Operation too complex: its estimated cost is 1015, the maximum is 1000 (maxCost).',
    });
  });

  it('counts a page size passed in a variable', async () => {
    const query = 'query Titles($first: Int) { titles(first: $first) { edges { node { id } } } }';
    await expectRefused(
      gateway,
      query,
      {
        code: ErrorCode.OperationTooComplex,
        message: 'Operation too complex: its estimated cost is 2000011, the maximum is 1000 (maxCost).',
      },
      { first: 1_000_000 },
    );
  });

  it('refuses 10,000 directives at the token limit', async () => {
    await expectRefused(gateway, directives(10_000), {
      code: ErrorCode.TooManyTokens,
      message: 'Too many tokens: the document has more than 2000, the maximum is 2000 (maxTokens).',
    });
  });

  it('refuses a document of 100,000 tokens', async () => {
    await expectRefused(gateway, tokens(100_000), {
      code: ErrorCode.TooManyTokens,
      message: 'Too many tokens: the document has more than 2000, the maximum is 2000 (maxTokens).',
    });
  });

  it('refuses more fields than the field limit', async () => {
    await expectRefused(gateway, fields(300), {
      code: ErrorCode.TooManyFields,
      message: 'Too many fields: the operation selects 301, the maximum is 200 (maxFields).',
    });
  });

  it('still answers a short document that does not parse as a plain syntax error', async () => {
    const { status, body } = await gateway.post('query { me { id }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it.each(readdirSync(OPERATIONS_DIR).filter((file) => file.endsWith('.graphql')))(
    'lets the device operation %s through to the subgraphs',
    async (file) => {
      const name = path.basename(file, '.graphql');
      // A new device operation needs its largest variables here.
      expect(DEVICE_VARIABLES).toHaveProperty(name);
      const before = gateway.subgraphCalls();
      const { status, body } = await gateway.post(
        readFileSync(path.join(OPERATIONS_DIR, file), 'utf8'),
        DEVICE_VARIABLES[name],
      );
      const codes = (body.errors ?? []).map((error) => error.extensions?.code);
      expect(codes).not.toEqual(expect.arrayContaining(OPERATION_LIMIT_CODES));
      expect(status).toBe(200);
      expect(gateway.subgraphCalls() - before).toBeGreaterThan(0);
    },
  );
});

describe('each limit on its own', () => {
  const gateways: CountingGateway[] = [];
  async function gatewayWith(settings: Partial<OperationLimitSettings>): Promise<CountingGateway> {
    const gateway = await startCountingGateway(operationLimits<BaseContext>(settings));
    gateways.push(gateway);
    return gateway;
  }
  afterAll(() => Promise.all(gateways.map((gateway) => gateway.stop())));

  it('refuses 1,000 aliases of play at the alias limit when the document may be that long', async () => {
    const gateway = await gatewayWith(only('maxAliases', 20));
    await expectRefused(
      gateway,
      playAliases(1_000),
      {
        code: ErrorCode.TooManyAliases,
        message: 'Too many aliases: the operation has 1000, the maximum is 20 (maxAliases).',
      },
      PLAY_VARIABLES,
    );
  });

  it('refuses 1,000 aliases of play as too complex: each alias is five subgraph fetches', async () => {
    const gateway = await gatewayWith(only('maxCost', DEFAULT_OPERATION_LIMITS.maxCost));
    await expectRefused(
      gateway,
      playAliases(1_000),
      {
        code: ErrorCode.OperationTooComplex,
        message: 'Operation too complex: its estimated cost is 69010, the maximum is 1000 (maxCost).',
      },
      PLAY_VARIABLES,
    );
  });

  it('refuses 100 aliases of titles(first: 100) as too complex', async () => {
    const gateway = await gatewayWith(only('maxCost', DEFAULT_OPERATION_LIMITS.maxCost));
    await expectRefused(gateway, titlesAliases(100, 100), {
      code: ErrorCode.OperationTooComplex,
      message: 'Operation too complex: its estimated cost is 20110, the maximum is 1000 (maxCost).',
    });
  });

  it('refuses 10,000 directives at the directive limit', async () => {
    const gateway = await gatewayWith(only('maxDirectives', 50));
    await expectRefused(gateway, directives(10_000), {
      code: ErrorCode.TooManyDirectives,
      message: 'Too many directives: the operation has 10000, the maximum is 50 (maxDirectives).',
    });
  });

  it('refuses nesting deeper than the depth limit', async () => {
    // The API schema has no cycle today, so nothing valid nests deeper than 6: the default of 10
    // guards the schema's growth, and this test lowers it to show the refusal.
    const gateway = await gatewayWith(only('maxDepth', 5));
    await expectRefused(gateway, DEEPEST_PATH, {
      code: ErrorCode.TooDeep,
      message: 'Too deep: the operation nests fields 6 levels deep, the maximum is 5 (maxDepth).',
    });
  });

  it('counts a fragment wherever it is spread', async () => {
    const gateway = await gatewayWith(only('maxFields', 10));
    const query = `query Spread { me { ...P ...P ...P } }
      fragment P on Account { profiles { id name kind } }`;
    // me, then profiles and its three fields once per spread.
    await expectRefused(gateway, query, {
      code: ErrorCode.TooManyFields,
      message: 'Too many fields: the operation selects 13, the maximum is 10 (maxFields).',
    });
  });
});

describe('the device operations against the default limits', () => {
  const schema = buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));
  const joins = SubgraphJoins.fromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  const limits = DEFAULT_OPERATION_LIMITS;

  it.each(readdirSync(OPERATIONS_DIR).filter((file) => file.endsWith('.graphql')))(
    '%s stays under a quarter of every limit, and half the depth limit',
    (file) => {
      const name = path.basename(file, '.graphql');
      const source = readFileSync(path.join(OPERATIONS_DIR, file), 'utf8');
      const document = parse(source, { maxTokens: limits.maxTokens / 4 });
      const operation = getOperationAST(document)!;
      const shape = measureOperation(document, operation);
      const { cost } = estimateCost({
        schema,
        joins,
        document,
        operation,
        variables: DEVICE_VARIABLES[name],
        settings: limits,
      });
      expect(shape.aliases).toBeLessThanOrEqual(limits.maxAliases / 4);
      expect(shape.directives).toBeLessThanOrEqual(limits.maxDirectives / 4);
      expect(shape.depth).toBeLessThanOrEqual(limits.maxDepth / 2);
      expect(shape.fields).toBeLessThanOrEqual(limits.maxFields / 4);
      expect(cost).toBeLessThanOrEqual(limits.maxCost / 4);
    },
  );
});

describe('operationLimits settings', () => {
  it('refuses to start with a limit that would turn itself off or refuse everything', () => {
    expect(() => operationLimits({ maxTokens: Infinity, maxCost: Number.NaN, maxAliases: 0 })).toThrow(
      'Invalid operation limits: maxAliases must be a positive number, not 0; maxCost must be a positive number, not NaN; maxTokens must be a positive integer, not Infinity.',
    );
  });
});

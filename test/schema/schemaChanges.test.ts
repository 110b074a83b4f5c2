import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CompositionError } from '@platform/composition';
import { formatCompositionProblem } from '@platform/compositionProblems';
import { checkSchema, type CheckedChange } from '@platform/schemaCheck/check';
import { temporaryRepository, type TemporaryRepository } from '@testing/schemaRepository';

describe('the schema check on a copy of the subgraph SDLs', () => {
  let repository: TemporaryRepository;

  beforeEach(() => {
    repository = temporaryRepository();
  });

  afterEach(() => repository.remove());

  const check = () => checkSchema({ root: repository.root });
  const only = (changes: readonly CheckedChange[], coordinate: string) => {
    const found = changes.filter((change) => change.coordinate === coordinate);
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('finds no change when the SDLs compose to the published schema', async () => {
    const report = await check();

    expect(report.changes).toEqual([]);
    expect(report.counts).toEqual({ BREAKING: 0, DANGEROUS: 0, SAFE: 0 });
  });

  it('reports a removed field as breaking, owned by its subgraph, naming the operations that select it', async () => {
    repository.editSdl(
      'catalog',
      '  "One-paragraph description shown on the title\'s page."\n  synopsis: String! @fallback(policy: "STALE_THEN_DEFAULT", maxAgeSeconds: 86400, default: "\\"\\"")\n',
      '',
    );

    const report = await check();

    expect(only(report.changes, 'Title.synopsis')).toEqual({
      severity: 'BREAKING',
      coordinate: 'Title.synopsis',
      owners: ['catalog'],
      type: 'FIELD_REMOVED',
      message: expect.stringContaining("'synopsis' was removed"),
      operations: [{ file: 'clients/operations/Title.graphql', operation: 'Title' }],
    });
    expect(report.counts.BREAKING).toBe(1);
  });

  describe('with approvals (schema/approved-breaking-changes.txt)', () => {
    const approve = (text: string) =>
      writeFileSync(path.join(repository.root, 'schema/approved-breaking-changes.txt'), text);

    it('marks an approved breaking change with its reason, lets it through, and reports approvals that match nothing', async () => {
      repository.editSdl('catalog', '  totalCount: Int!', '  totalCount: String!');
      approve('# deliberate\nTitleConnection.totalCount: no device reads it as a number\nTitle.gone: stale\n');

      const report = await check();

      expect(only(report.changes, 'TitleConnection.totalCount').approved).toBe('no device reads it as a number');
      expect(report.counts.BREAKING).toBe(1);
      expect(report.unapproved).toBe(0);
      expect(report.unusedApprovals).toEqual(['Title.gone']);
    });

    it('refuses an approval without a reason, naming the line', async () => {
      approve('TitleConnection.totalCount\n');

      await expect(check()).rejects.toThrow(/approved-breaking-changes\.txt:1: write "<coordinate>: <why/);
    });
  });

  it('reports a field whose type changed from Int to String as breaking, though it still composes', async () => {
    repository.editSdl('catalog', '  totalCount: Int!', '  totalCount: String!');

    const report = await check();

    expect(only(report.changes, 'TitleConnection.totalCount')).toMatchObject({
      severity: 'BREAKING',
      owners: ['catalog'],
      type: 'FIELD_TYPE_CHANGED',
      message: expect.stringContaining("from 'Int!' to 'String!'"),
      operations: [{ file: 'clients/operations/Titles.graphql', operation: 'Titles' }],
    });
  });

  it('reports a new required argument as breaking for every operation that calls the field', async () => {
    repository.editSdl(
      'catalog',
      '  title("The title\'s id." id: ID!)',
      '  title("The title\'s id." id: ID!, "The viewer\'s region." region: String!)',
    );

    const report = await check();

    expect(only(report.changes, 'Query.title.region')).toMatchObject({
      severity: 'BREAKING',
      owners: ['catalog'],
      type: 'FIELD_ARGUMENT_ADDED',
      operations: [{ file: 'clients/operations/Title.graphql', operation: 'Title' }],
    });
  });

  it('reports a removed enum value as breaking for the operations that read the enum', async () => {
    repository.editSdl(
      'profiles',
      '  "A child\'s profile; typically with a low `maxMaturity`."\n  KIDS\n',
      '',
    );

    const report = await check();

    expect(only(report.changes, 'ProfileKind.KIDS')).toMatchObject({
      severity: 'BREAKING',
      owners: ['profiles'],
      type: 'ENUM_VALUE_REMOVED',
      operations: [{ file: 'clients/operations/Me.graphql', operation: 'Me' }],
    });
  });

  it('names the operation whose variables may carry a removed input enum value', async () => {
    repository.editSdl('playback', '  "A game console."\n  CONSOLE\n', '');
    // The usage subgraph lists device classes too (decision records): an input enum agrees everywhere.
    repository.editSdl('usage', '  "A game console."\n  CONSOLE\n', '');

    const report = await check();

    expect(only(report.changes, 'DeviceType.CONSOLE').operations).toEqual([
      { file: 'clients/operations/Play.graphql', operation: 'Play' },
      { file: 'clients/operations/Prefetch.graphql', operation: 'Prefetch' },
      { file: 'clients/operations/StartPlayback.graphql', operation: 'StartPlayback' },
    ]);
  });

  it('reports an added field as safe and nothing as breaking', async () => {
    repository.editSdl(
      'catalog',
      '  "Whether every playback of the title must be protected by DRM."',
      '  "Age rating on the local scale, such as \\"FSK 12\\"."\n  localRating: String\n  "Whether every playback of the title must be protected by DRM."',
    );

    const report = await check();

    expect(only(report.changes, 'Title.localRating')).toMatchObject({
      severity: 'SAFE',
      owners: ['catalog'],
      type: 'FIELD_ADDED',
      operations: [],
    });
    expect(report.counts.BREAKING).toBe(0);
  });

  it('reports a composition error with the file, line and column of each subgraph involved', async () => {
    repository.editSdl(
      'catalog',
      '  "Stable identifier of the title."\n  id: ID!',
      '  "Stable identifier of the title."\n  id: String!',
    );

    const error = await check().then(
      () => undefined,
      (failure: unknown) => failure,
    );

    expect(error).toBeInstanceOf(CompositionError);
    const lines = (error as CompositionError).problems.map(formatCompositionProblem).join('\n').split('\n');
    expect(lines[0]).toMatch(
      /^subgraphs\/catalog\/schema\.graphql:\d+:3: Type of field "Title\.id" is incompatible across subgraphs: .* \(FIELD_TYPE_MISMATCH\)$/,
    );
    expect(lines.slice(1)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^subgraphs\/playback\/schema\.graphql:\d+:3: \.\.\.also here$/),
      ]),
    );
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('points at the line of the field whose composition error it reports', async () => {
    repository.editSdl('catalog', '  name: String!', '  name: Strin!');

    const error = await check().catch((failure: unknown) => failure);

    expect((error as CompositionError).problems.map(formatCompositionProblem)).toEqual([
      expect.stringMatching(
        /^subgraphs\/catalog\/schema\.graphql:\d+:9: \[catalog\] Unknown type Strin \(INVALID_GRAPHQL\)$/,
      ),
    ]);
  });

  it.each([
    ['a field', 'catalog', '  name: String!', '  name: String!\n  name: String!', 'Field "Title.name" can only be defined once.'],
    [
      'a type',
      'catalog',
      'type Query {',
      'type Shelf { id: ID! }\ntype Shelf { name: String }\ntype Query {',
      'There can be only one type named "Shelf".',
    ],
    // Composition itself accepts this one.
    ['an enum value', 'playback', '  NOT_REACHED\n}', '  NOT_REACHED\n  NOT_REACHED\n}', 'Enum value "RuleOutcome.NOT_REACHED" can only be defined once.'],
  ])('places %s defined twice at both definitions', async (_case, subgraph, search, replacement, message) => {
    repository.editSdl(subgraph, search, replacement);

    const error = await check().catch((failure: unknown) => failure);

    const lines = (error as CompositionError).problems.map(formatCompositionProblem).join('\n').split('\n');
    const places = lines.map((line) => /^subgraphs\/(\w+)\/schema\.graphql:(\d+):(\d+): (.*)$/.exec(line)!);
    expect(places.map((place) => [place[1], place[4]])).toEqual([
      [subgraph, message],
      [subgraph, '...also here'],
    ]);
    expect(Number(places[1]![2])).toBe(Number(places[0]![2]) + 1);
  });

  it('reports an SDL syntax error with its file, line and column', async () => {
    repository.editSdl('profiles', 'type Query {', 'type Query {{');

    const error = await check().catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(CompositionError);
    expect((error as CompositionError).problems.map(formatCompositionProblem)).toEqual([
      expect.stringMatching(/^subgraphs\/profiles\/schema\.graphql:\d+:13: Syntax Error: /),
    ]);
  });
});

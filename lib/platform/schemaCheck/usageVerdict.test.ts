import { buildSchema } from 'graphql';
import type { ClientUsage, UsageReport } from '../fieldUsage/report';
import { clientsUsing, deprecations } from './usageVerdict';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    title(id: ID!): Title
    search(filter: Filter!): [Title!]!
  }
  type Title {
    id: ID!
    name: String!
    rating: Int @deprecated(reason: "Use maturity.")
    tier: Tier
  }
  input Filter {
    tier: Tier
    text: String @deprecated(reason: "Search by genre.")
  }
  enum Tier {
    BASIC
    PREMIUM @deprecated(reason: "Merged into BASIC.")
  }
`);

const use = (client: string, count: number, lastDay = '2026-12-07'): ClientUsage => ({
  client,
  version: '1.0',
  count,
  lastDay,
});

const report: UsageReport = {
  days: 30,
  from: '2026-11-08',
  to: '2026-12-07',
  recordedSince: '2026-11-01',
  coordinates: {
    'Title.name': [use('tv-app', 40), use('ios-app', 3)],
    'Query.title': [use('tv-app', 40)],
    'Query.title.id': [use('tv-app', 40)],
    Filter: [use('web', 5)],
    'Title.rating': [use('ios-app', 2, '2026-11-20')],
  },
};

describe('the clients a change of a coordinate affects', () => {
  it('are those that used the coordinate itself, most operations first', () => {
    expect(clientsUsing('Title.name', 'FIELD_REMOVED', report, schema).map(({ client }) => client)).toEqual([
      'tv-app',
      'ios-app',
    ]);
    expect(clientsUsing('Title.tier', 'FIELD_REMOVED', report, schema)).toEqual([]);
  });

  it('include every caller of a field for a new required argument, and only its senders for a removed one', () => {
    expect(clientsUsing('Query.title.region', 'FIELD_ARGUMENT_ADDED', report, schema)).toEqual([
      use('tv-app', 40),
    ]);
    expect(clientsUsing('Query.title.region', 'FIELD_ARGUMENT_REMOVED', report, schema)).toEqual([]);
    expect(clientsUsing('Query.title.id', 'FIELD_ARGUMENT_REMOVED', report, schema)).toEqual([
      use('tv-app', 40),
    ]);
  });

  it('include whoever sends an input type for a change of one of its fields', () => {
    expect(clientsUsing('Filter.text', 'INPUT_FIELD_REMOVED', report, schema)).toEqual([use('web', 5)]);
  });
});

describe('the deprecated coordinates', () => {
  it('are listed, fields, input fields and enum values alike, each with its remaining use', () => {
    expect(deprecations(schema, report)).toEqual([
      { coordinate: 'Filter.text', reason: 'Search by genre.', clients: [] },
      { coordinate: 'Tier.PREMIUM', reason: 'Merged into BASIC.', clients: [] },
      { coordinate: 'Title.rating', reason: 'Use maturity.', clients: [use('ios-app', 2, '2026-11-20')] },
    ]);
  });
});

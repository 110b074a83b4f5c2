/**
 * The schema check: composes the subgraph SDLs and compares the public API schema with the published
 * one, so that a change that composes but breaks devices in the field (a removed field, a changed
 * type, a new required argument, a removed enum value) is caught before it is deployed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { composeSupergraph, SCHEMA_FILES } from '../composition';
import { REPOSITORY_ROOT } from '../env';
import { deviceOperations, isAffected } from './operationUsage';
import { ownerIndex, ownersOf } from './owners';
import { approvedBreakingChanges } from './approvals';
import { coversWindow, type ClientUsage, type UsageReport } from '../fieldUsage/report';
import { clientsUsing, deprecations, type Deprecation } from './usageVerdict';
import type { PublishedSchema } from './published';

/**
 * BREAKING: a device operation written against the published schema may fail. DANGEROUS: it still
 * validates but may behave differently (a new enum value a device does not know, a changed default).
 * SAFE: nothing a device sends or reads changes meaning.
 */
export type ChangeSeverity = 'BREAKING' | 'DANGEROUS' | 'SAFE';

export interface OperationReference {
  /** Repository-relative, such as `clients/operations/Title.graphql`. */
  file: string;
  /** Such as `Title`. */
  operation: string;
}

export interface CheckedChange {
  severity: ChangeSeverity;
  /** The schema coordinate, such as `Title.name` or `Query.title.id`. */
  coordinate: string;
  /** The subgraphs that own the coordinate (now or, for a removal, in the published supergraph). */
  owners: readonly string[];
  /** graphql-inspector's sentence, such as "Field 'Title.name' was removed from object type 'Title'". */
  message: string;
  /** graphql-inspector's change type, such as `FIELD_REMOVED`. */
  type: string;
  /** The device operations that use the coordinate; filled for breaking changes only. */
  operations: readonly OperationReference[];
  /** Why a breaking change is made on purpose (approvals.ts); the check does not fail on it. */
  approved?: string;
  /**
   * With field usage: the client versions that used the coordinate in the window, most first. A
   * breaking change none used (over a window recorded in full) and no device operation uses is SAFE.
   */
  clients?: readonly ClientUsage[];
  /** Set when field usage made a breaking change SAFE: nobody used it in the window. */
  unused?: true;
}

export interface SchemaCheckOptions {
  /** The repository whose subgraphs to compose. Defaults to this repository. */
  root?: string;
  /**
   * The published API schema to compare with (published.ts finds it). Defaults to the working tree's
   * `schema/api.graphql` under `root`, for copies that are no git checkout (the tests').
   */
  published?: PublishedSchema;
  /** Field usage to weigh breaking changes with (usage.ts reads it); none: every one is BREAKING. */
  usage?: UsageReport;
}

export interface SchemaCheckReport {
  /** The published schema compared with, as given (repository-relative for the default). */
  against: string;
  /** Breaking first, then dangerous, then safe; by coordinate within each. */
  changes: readonly CheckedChange[];
  counts: Readonly<Record<ChangeSeverity, number>>;
  /** Breaking changes nobody approved: the check fails when there is any. */
  unapproved: number;
  /** Approved coordinates with no breaking change: stale lines of the approvals file. */
  unusedApprovals: readonly string[];
  /** The field usage the changes were weighed with, when given. */
  usage?: Omit<UsageReport, 'coordinates'> & { covered: boolean };
  /** With field usage: the deprecated coordinates of the proposed API, with their remaining use. */
  deprecations?: readonly Deprecation[];
}

const SEVERITY: Record<CriticalityLevel, ChangeSeverity> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};

const ORDER: readonly ChangeSeverity[] = ['BREAKING', 'DANGEROUS', 'SAFE'];

/**
 * The changes without the description (or deprecation) that came with something added in the same
 * change: "field added" already says it, and the line would be noise.
 */
function withoutEchoes(changes: Change[]): Change[] {
  const added = new Set(
    changes
      .filter(
        (change) =>
          String(change.type).endsWith('_ADDED') && !/DESCRIPTION|DEPRECATION/.test(String(change.type)),
      )
      .map((change) => change.path),
  );
  return changes.filter(
    (change) =>
      !(/DESCRIPTION_ADDED|DEPRECATION_REASON_ADDED$/.test(String(change.type)) && added.has(change.path)),
  );
}

/** @throws CompositionError when the SDLs do not compose (with file:line:col for each problem) */
export async function checkSchema(options: SchemaCheckOptions = {}): Promise<SchemaCheckReport> {
  const root = options.root ?? REPOSITORY_ROOT;
  const composed = composeSupergraph(root);
  const published = buildSchema(
    options.published?.sdl ?? readFileSync(path.join(root, SCHEMA_FILES.api), 'utf8'),
  );
  const proposed = buildSchema(composed.apiSdl);

  // Who owned a removed coordinate: the published supergraph knows, else the working tree's copy.
  const workingSupergraph = path.join(root, SCHEMA_FILES.supergraph);
  const publishedSupergraph =
    options.published?.supergraphSdl ??
    (existsSync(workingSupergraph) ? readFileSync(workingSupergraph, 'utf8') : undefined);
  const owners = [
    ownerIndex(composed.supergraphSdl),
    ...(publishedSupergraph ? [ownerIndex(publishedSupergraph)] : []),
  ];
  const operations = deviceOperations(root, published);

  const changes = withoutEchoes(await diff(published, proposed)).map((change: Change): CheckedChange => {
    const severity = SEVERITY[change.criticality.level];
    const coordinate = change.path ?? '(schema)';
    return {
      severity,
      coordinate,
      owners: ownersOf(coordinate, owners),
      message: change.message,
      type: String(change.type),
      operations:
        severity === 'BREAKING'
          ? operations
              .filter((operation) => isAffected(operation.coordinates, coordinate, published))
              .map(({ file, name }) => ({ file, operation: name }))
          : [],
    };
  });
  if (options.usage) weighWithUsage(changes, options.usage, published);
  changes.sort(
    (a, b) =>
      ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity) || a.coordinate.localeCompare(b.coordinate),
  );
  const counts = { BREAKING: 0, DANGEROUS: 0, SAFE: 0 };
  for (const change of changes) counts[change.severity] += 1;
  const approvals = approvedBreakingChanges(root);
  for (const change of changes) {
    const reason = change.severity === 'BREAKING' ? approvals.get(change.coordinate) : undefined;
    if (reason !== undefined) change.approved = reason;
  }
  const breaking = new Set(
    changes.filter((change) => change.severity === 'BREAKING').map((change) => change.coordinate),
  );
  const usage = options.usage;
  return {
    ...(usage && {
      usage: {
        days: usage.days,
        from: usage.from,
        to: usage.to,
        recordedSince: usage.recordedSince,
        covered: coversWindow(usage),
      },
      deprecations: deprecations(proposed, usage),
    }),
    against: options.published?.label ?? SCHEMA_FILES.api,
    changes,
    counts,
    unapproved: changes.filter((change) => change.severity === 'BREAKING' && change.approved === undefined)
      .length,
    unusedApprovals: [...approvals.keys()].filter((coordinate) => !breaking.has(coordinate)),
  };
}

/**
 * A breaking change some client used stays BREAKING and names them. One nobody used over a window
 * recorded in full, that no device operation here uses either, becomes SAFE: no one can break.
 */
function weighWithUsage(changes: CheckedChange[], usage: UsageReport, published: GraphQLSchema): void {
  const covered = coversWindow(usage);
  for (const change of changes) {
    if (change.severity !== 'BREAKING') continue;
    change.clients = clientsUsing(change.coordinate, change.type, usage, published);
    if (change.clients.length === 0 && change.operations.length === 0 && covered) {
      change.severity = 'SAFE';
      change.unused = true;
    }
  }
}

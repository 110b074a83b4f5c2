/**
 * The trusted document list: `clients/__generated__/persisted-documents.json`, written by
 * `npm run codegen` from `clients/operations/*.graphql` (id -> document text), read once when the
 * gateway is built. A list, not a "manifest": that word is kept for the signed playback manifest.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { documentIdOf, isDocumentId } from '@contracts/documentId';
import { REPOSITORY_ROOT } from '@platform/env';

export const PERSISTED_DOCUMENTS_PATH = path.join(
  REPOSITORY_ROOT,
  'clients/__generated__/persisted-documents.json',
);

/** Document text by id (`sha256:<hex>` of that text). */
export type TrustedDocumentList = ReadonlyMap<string, string>;

const documentListSchema = z.record(z.string(), z.string().min(1));

/**
 * Parses a document list and checks every id against its text: an entry edited by hand would otherwise
 * run a different document from the one devices were built with, under their id.
 */
export function parseTrustedDocumentList(
  json: string,
  source = 'trusted document list',
): TrustedDocumentList {
  const parsed = documentListSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid ${source}: ${problems.join('; ')}`);
  }
  for (const [id, text] of Object.entries(parsed.data)) {
    if (!isDocumentId(id))
      throw new Error(`Invalid ${source}: ${id} is not written as sha256:<64 hex digits>`);
    if (documentIdOf(text) !== id) {
      throw new Error(`Invalid ${source}: ${id} is not the id of its text (run \`npm run codegen\`)`);
    }
  }
  return new Map(Object.entries(parsed.data));
}

/** Reads the document list. Defaults to the generated {@link PERSISTED_DOCUMENTS_PATH}. */
export function loadTrustedDocumentList(file = PERSISTED_DOCUMENTS_PATH): TrustedDocumentList {
  return parseTrustedDocumentList(readFileSync(file, 'utf8'), file);
}

/**
 * The id of a trusted document, agreed between the devices (which send it), the codegen that lists the
 * documents (`clients/__generated__/persisted-documents.json`) and the gateway (which runs only listed
 * documents): `sha256:` and the lower-case hex SHA-256 of the document's text, the format of the
 * GraphQL-over-HTTP persisted documents appendix. Apollo's APQ `sha256Hash` is the same hex without
 * the prefix.
 *
 * The text hashed is the operation printed by graphql-js `print` from its parsed `.graphql` file
 * (comments dropped, graphql-js's layout): what `print(PlayDocument)` gives for the typed document in
 * `clients/__generated__/operations.ts`, and what Apollo Client's APQ link hashes. Hashing the text
 * byte for byte, never a normalised form, keeps the gateway's check a single hash of what arrived.
 *
 * Relative imports only (none today): graphql-codegen loads this file through `codegen.ts`.
 */
import { createHash } from 'node:crypto';

/** `sha256:` then 64 lower-case hex digits. */
export const DOCUMENT_ID_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** The id of a document's text. */
export function documentIdOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** Whether `value` is written as a document id (not whether any document has it). */
export function isDocumentId(value: unknown): value is string {
  return typeof value === 'string' && DOCUMENT_ID_PATTERN.test(value);
}

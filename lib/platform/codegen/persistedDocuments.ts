/**
 * A graphql-codegen plugin that lists the device operations as trusted documents, in one of two forms:
 * - `list`: `clients/__generated__/persisted-documents.json`, id -> document text, which the gateway
 *   loads (`gateway/src/documents/`) to run documents by id and refuse the rest;
 * - `ids`: a TypeScript map, operation name -> id, small and browser-safe, which the player SDK sends.
 *
 * Why not the `client` preset's `persistedDocuments` (The Guild's way): the preset replaces the
 * typed-document-node output this repository uses (`clients/__generated__/operations.ts`, one file from
 * the `typescript-operations` and `typed-document-node` plugins; the preset refuses those plugins and
 * writes a folder of its own), and it hashes `printExecutableGraphQLDocument`'s normalised text, not
 * the `print(PlayDocument)` text the SDK and Apollo Client send. The ids are the same format
 * (`sha256:<hex>`, see `@contracts/documentId`).
 *
 * Relative imports only: graphql-codegen loads this file through `codegen.ts` with its own TypeScript
 * loader, which knows nothing of the tsconfig `paths` aliases.
 */
import type { CodegenPlugin, Types } from '@graphql-codegen/plugin-helpers';
import { Kind, print } from 'graphql';
import { documentIdOf } from '../../contracts/documentId';

/** The plugin's name in `codegen.ts`; `codegen.ts`'s `pluginLoader` hands this module for it. */
export const PERSISTED_DOCUMENTS_PLUGIN = 'persisted-documents';

export interface PersistedDocumentsConfig {
  /** `list`: the JSON the gateway loads. `ids`: the TypeScript map the SDK imports. */
  output: 'list' | 'ids';
}

interface ListedDocument {
  name: string;
  id: string;
  text: string;
}

/**
 * One document per `.graphql` file, holding one named operation and nothing else: the typed document
 * for that operation is then exactly the file's document, so the text hashed here is the text the SDK
 * prints. (A fragment would be appended by typed-document-node in an order of its own; when the
 * operations need fragments, hash the generated document nodes instead.)
 */
function listDocuments(files: Types.DocumentFile[]): ListedDocument[] {
  const listed = new Map<string, ListedDocument>();
  for (const file of files) {
    const { document, location } = file;
    const operation = document?.definitions.length === 1 ? document.definitions[0] : undefined;
    if (!document || operation?.kind !== Kind.OPERATION_DEFINITION || !operation.name) {
      throw new Error(`${location}: a trusted document holds exactly one named operation, no fragments`);
    }
    const name = operation.name.value;
    if (listed.has(name)) throw new Error(`${location}: a second operation named ${name}`);
    const text = print(document);
    listed.set(name, { name, id: documentIdOf(text), text });
  }
  return [...listed.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export const persistedDocumentsPlugin: CodegenPlugin<PersistedDocumentsConfig> = {
  plugin(_schema, files, config) {
    const documents = listDocuments(files);
    switch (config.output) {
      case 'list':
        return `${JSON.stringify(Object.fromEntries(documents.map(({ id, text }) => [id, text])), null, 2)}\n`;
      case 'ids':
        return [
          '/** Trusted document ids of the operations in clients/operations/, by operation name. */',
          'export const documentIds = {',
          ...documents.map(({ name, id }) => `  ${name}: '${id}',`),
          '} as const;',
          '',
        ].join('\n');
      default:
        throw new Error(`${PERSISTED_DOCUMENTS_PLUGIN}: output must be "list" or "ids"`);
    }
  },
};

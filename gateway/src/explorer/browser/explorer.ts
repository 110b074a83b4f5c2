/**
 * The explorer's browser code, bundled by gateway/src/explorer/bundle.ts into one script and one
 * stylesheet the gateway serves itself: GraphiQL 4 (CodeMirror 5 editors), its docs pane and
 * history, and the query builder (`@graphiql/plugin-explorer`). Nothing is fetched from elsewhere.
 */
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { useSchemaStore } from '@graphiql/react';
import { GraphiQL } from 'graphiql';
import { createElement, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import { CONFIG_ELEMENT_ID, type ExplorerConfig } from '../config';
import { gatewayFetcher } from './fetcher';
import { namespacedStorage, type KeyValueStore } from './storage';

/** The browser globals used here (the project's type check has no DOM library). */
declare const document: {
  getElementById(id: string): { textContent: string | null } | null;
};
declare const localStorage: KeyValueStore;
declare function setTimeout(callback: () => void, ms: number): number;
declare function clearTimeout(id: number | undefined): void;

/** Lets the headers editor ask for the schema again once a token is typed (see SchemaRefresh). */
let introspect: (() => Promise<void>) | undefined;
let pendingIntrospection: number | undefined;
let lastAuthorization: string | undefined;

/**
 * GraphiQL fetches the schema once, at load, with the headers then in the editor: before a token
 * is pasted that fails. Fetch it again whenever a valid headers object brings a new authorization.
 */
function onEditHeaders(text: string): void {
  let authorization: string | undefined;
  try {
    const headers: unknown = JSON.parse(text);
    if (headers && typeof headers === 'object') {
      const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization');
      authorization = typeof entry?.[1] === 'string' ? entry[1] : undefined;
    }
  } catch {
    return; // Still being typed.
  }
  if (!authorization || authorization === lastAuthorization) return;
  lastAuthorization = authorization;
  clearTimeout(pendingIntrospection);
  pendingIntrospection = setTimeout(() => void introspect?.(), 300);
}

/** Rendered inside GraphiQL (its footer) only to reach the schema store's `introspect`. */
function SchemaRefresh() {
  const refresh = useSchemaStore((state) => state.introspect);
  useEffect(() => {
    introspect = refresh;
  }, [refresh]);
  return null;
}

function readConfig(): ExplorerConfig {
  const text = document.getElementById(CONFIG_ELEMENT_ID)?.textContent;
  if (!text)
    throw new Error(`The page has no #${CONFIG_ELEMENT_ID} block: is it the gateway's explorer page?`);
  return JSON.parse(text) as ExplorerConfig;
}

const config = readConfig();
const root = document.getElementById('explorer');
if (!root) throw new Error('The page has no #explorer element');
createRoot(root as Parameters<typeof createRoot>[0]).render(
  createElement(
    GraphiQL,
    {
      fetcher: gatewayFetcher(config.endpoint),
      plugins: [explorerPlugin()],
      defaultTabs: config.tabs,
      storage: namespacedStorage(localStorage, config.storageNamespace),
      // Open on the headers editor: a token goes there first.
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
      // Tokens are not kept in the browser's storage unless the user turns it on in the settings.
      shouldPersistHeaders: false,
      onEditHeaders,
    },
    createElement(GraphiQL.Footer, null, createElement(SchemaRefresh)),
  ),
);

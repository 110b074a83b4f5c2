/**
 * What the gateway hands the explorer's browser code, as JSON in the page (a `<script
 * type="application/json">` block: data, not a script, so the page's CSP needs no inline scripts).
 * Shared by the server (gateway/src/explorer/page.ts) and the bundle (browser/explorer.ts).
 */

/** The id of the JSON block that holds the {@link ExplorerConfig}. */
export const CONFIG_ELEMENT_ID = 'explorer-config';

/** One preloaded tab: an example operation and, where it takes any, example variables. */
export interface ExampleTab {
  /** The operation's text, as in its `.graphql` file. */
  query: string;
  /** JSON text for the variables editor; absent when the operation has no example variables. */
  variables?: string;
}

export interface ExplorerConfig {
  /** Where the explorer sends operations: the gateway's own `/graphql`. */
  endpoint: string;
  /** The example operations, one tab each. */
  tabs: ExampleTab[];
  /**
   * Names the browser storage the explorer keeps its tabs in. It changes with the examples, so a new
   * or changed example shows up on the next visit instead of being hidden by the tabs stored before.
   */
  storageNamespace: string;
}

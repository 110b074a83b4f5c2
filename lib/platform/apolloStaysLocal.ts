/**
 * Apollo Server reports to Apollo's cloud whenever it finds Apollo's settings in the environment:
 * usage reporting once `APOLLO_KEY` and `APOLLO_GRAPH_REF` are set, schema reporting once
 * `APOLLO_SCHEMA_REPORTING` is `true`, and its default landing page loads Apollo's Sandbox from
 * Apollo's CDN. This platform sends nothing to anyone its operators did not configure
 * (docs/security.md, "What leaves the host"), so every Apollo Server of ours installs these, and a
 * variable left over in someone's shell turns nothing on.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';

/** The plugins that keep an Apollo Server from reporting to Apollo or loading a page from its CDN. */
export function apolloStaysLocal(): ApolloServerPlugin<BaseContext>[] {
  return [
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    // Traces in subgraph answers exist only for usage reporting; no one here reads them.
    ApolloServerPluginInlineTraceDisabled(),
  ];
}

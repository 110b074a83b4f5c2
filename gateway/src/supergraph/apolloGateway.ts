/**
 * The one place an ApolloGateway is made (lint refuses `new ApolloGateway` anywhere else).
 *
 * `@apollo/gateway` reads `APOLLO_TELEMETRY_DISABLED` in its constructor: unless it is `true` or `1`,
 * the constructor probes the cloud metadata services of Alibaba, AWS, Azure and Google (connections to
 * 100.100.100.200 and 169.254.169.254, a DNS query for Google's metadata host) and starts a metrics
 * exporter that reports to Apollo every hour. Nobody running this platform agreed to that, so the
 * variable is set here, immediately before each construction, from our own setting
 * (`APOLLO_TELEMETRY`, off by default) rather than from whatever the environment happens to hold.
 */
import { ApolloGateway, type GatewayConfig } from '@apollo/gateway';

export interface ApolloTelemetryChoice {
  /**
   * Whether `@apollo/gateway` may detect the cloud it runs on and report usage metrics to Apollo.
   * Defaults to false: only an operator's explicit `APOLLO_TELEMETRY=on` turns it on.
   */
  apolloTelemetry?: boolean;
}

export function createApolloGateway(
  config: GatewayConfig,
  { apolloTelemetry = false }: ApolloTelemetryChoice = {},
): ApolloGateway {
  // The library offers no option but this variable, and reads it synchronously in the constructor.
  process.env.APOLLO_TELEMETRY_DISABLED = apolloTelemetry ? 'false' : 'true';
  return new ApolloGateway(config);
}

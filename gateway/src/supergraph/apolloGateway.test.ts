import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '@platform/composition';
import { createApolloGateway } from './apolloGateway';

const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');

describe('createApolloGateway', () => {
  const before = process.env.APOLLO_TELEMETRY_DISABLED;
  afterEach(() => {
    if (before === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
    else process.env.APOLLO_TELEMETRY_DISABLED = before;
  });

  it("turns Apollo's telemetry off before the gateway is made, even when the environment turned it on", () => {
    process.env.APOLLO_TELEMETRY_DISABLED = 'false';
    createApolloGateway({ supergraphSdl });
    // What @apollo/gateway's constructor read. That nothing is probed with it is shown with real
    // processes under a connection watcher (test/e2e/outbound-connections/).
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
  });
});

/**
 * The multi-host topology (lib/platform/hosts/) with what a viewer needs besides: the demo dataset's
 * CDNs as local reference edges, in the root namespace where the viewers run, and development tokens
 * signed with the topology's identity key. What `npm run hosts -- up` and the multi-host runs start.
 */
import { freePort } from '@platform/ports';
import { loadDataset } from '@platform/dataset/load';
import { issueDevelopmentToken } from '@platform/identity';
import { loadSigningKey } from '@platform/keys/keyring';
import { startTopology, type Topology } from '@platform/hosts/topology';
import { stopProcess } from '@platform/stack';
import { startEdgeProcess, withLocalEdges, type LocalEdge } from '../edge/src/localEdges';

export interface HostsFleet {
  topology: Topology;
  /** Both gateways, zone a's first. */
  gatewayUrls: string[];
  edges: LocalEdge[];
  tokenFor(accountId: string): Promise<string>;
  stop(): Promise<void>;
}

export interface HostsFleetOptions {
  /** Media seconds per segment and the share of nominal bytes the edges send (docs/simulation.md). */
  segmentSeconds?: number;
  payloadScale?: number;
  env?: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
}

export async function startHostsFleet(options: HostsFleetOptions = {}): Promise<HostsFleet> {
  const onLine = options.onLine ?? (() => {});
  const demo = loadDataset();
  const ports = new Map<string, number>();
  const taken = new Set<number>();
  for (const cdn of demo.cdns) ports.set(cdn.id, await freePort(taken));
  const topology = await startTopology({
    dataset: withLocalEdges(demo, ports),
    env: {
      // A hundred virtual viewers share the demo's few accounts: far more than a household.
      RATE_LIMITS: 'off',
      // A replica across a network can vanish without refusing: don't wait its attempt timeout out.
      SUBGRAPH_HEDGE_MS: '100',
      ...options.env,
    },
    onLine: (host, line) => onLine(`[${host}] ${line}`),
  });
  // The edges check the playback tokens of the manifests: with the topology's keys.
  const edgeEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    KEYS_DIR: topology.keysDir,
    EDGE_SEGMENT_SECONDS: String(options.segmentSeconds ?? 4),
    EDGE_PAYLOAD_SCALE: String(options.payloadScale ?? 0.005),
  };
  const edges: LocalEdge[] = [];
  const stopEdges = () => Promise.all(edges.map((edge) => stopProcess(edge.process)));
  try {
    for (const [cdnId, port] of ports) {
      edges.push(
        await startEdgeProcess(cdnId, port, edgeEnv, (line) => onLine(`[edge:${cdnId}] ${line}`), {
          supervised: true,
        }),
      );
    }
    const identity = await loadSigningKey('identity', { kind: 'development', dir: topology.keysDir });
    const tokens = new Map<string, Promise<string>>();
    return {
      topology,
      gatewayUrls: [topology.gatewayUrl('a'), topology.gatewayUrl('b')],
      edges,
      tokenFor(accountId) {
        if (!tokens.has(accountId)) tokens.set(accountId, issueDevelopmentToken(identity, accountId));
        return tokens.get(accountId)!;
      },
      async stop() {
        await Promise.all([topology.stop(), stopEdges()]);
      },
    };
  } catch (error) {
    await Promise.all([topology.stop(), stopEdges()]);
    throw error;
  }
}

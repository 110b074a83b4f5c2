/**
 * `npm start` in development runs one reference edge per CDN of the dataset, and the stack reads a
 * copy of the dataset whose CDNs point at them, as the fleet simulator does (simulator/fleetStack.ts):
 * the manifests a local `play` returns then name segments this machine serves, and the reference
 * player (`/player/`) plays them. Off with `DEV_EDGES=off`; never in test or production.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Dataset } from '@platform/dataset/model';
import { onOff, parseEnv } from '@platform/env';
import { freePort } from '@platform/ports';
import { stackPorts, stopProcess } from '@platform/stack';
import { startEdgeProcess, withLocalEdges, type LocalEdge } from './localEdges';

/** The settings of the development edges, read from the environment of `npm start`. */
export function loadDevEdgeEnv(env: NodeJS.ProcessEnv = process.env) {
  return parseEnv(
    {
      /** `off` starts no edge and leaves the dataset's CDN URLs as they are. */
      DEV_EDGES: onOff('on'),
      /** The first CDN's edge listens here, the next ones on the following ports; 0: any free ports. */
      DEV_EDGE_PORT: z.coerce.number().int().min(0).max(65_000).default(4101),
    },
    env,
  );
}

export interface DevEdges {
  edges: LocalEdge[];
  /** The dataset with local CDN URLs: give it to the stack as `DATASET`. */
  datasetFile: string;
  stop(): Promise<void>;
}

export class DevEdgePortError extends Error {
  override name = 'DevEdgePortError';
}

/**
 * Starts an edge per CDN of `dataset` on `firstPort`, `firstPort + 1`... (free ports with 0), and
 * writes the rewritten dataset into a temporary directory that `stop()` removes. The edges are
 * supervised: they stop by themselves when this process dies.
 */
export async function startDevEdges(options: {
  dataset: Dataset;
  firstPort: number;
  env: NodeJS.ProcessEnv;
  onLine: (cdnId: string, line: string) => void;
}): Promise<DevEdges> {
  const { dataset, firstPort } = options;
  const ports = new Map<string, number>();
  // The stack's processes start after the edges and have not bound their ports yet: keep clear of them.
  const assigned = new Set<number>(stackPorts(options.env));
  for (const [index, cdn] of dataset.cdns.entries()) {
    ports.set(cdn.id, firstPort === 0 ? await freePort(assigned) : firstPort + index);
  }
  const taken = [];
  for (const [cdnId, port] of ports) if (!(await canBind(port))) taken.push(`${cdnId} on ${port}`);
  if (taken.length > 0) {
    throw new DevEdgePortError(
      `The development edges cannot listen (${taken.join(', ')}: already in use). ` +
        'Set DEV_EDGE_PORT to another first port (0: any free ports), or DEV_EDGES=off.',
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'dev-edges-'));
  const datasetFile = path.join(dir, 'dataset.json');
  writeFileSync(datasetFile, JSON.stringify(withLocalEdges(dataset, ports), null, 2));
  const edges: LocalEdge[] = [];
  const stop = async () => {
    await Promise.all(edges.map((edge) => stopProcess(edge.process)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(
      [...ports].map(async ([cdnId, port]) => {
        const edge = await startEdgeProcess(
          cdnId,
          port,
          { ...options.env, DATASET: datasetFile },
          (line) => options.onLine(cdnId, line),
          { supervised: true },
        );
        edges.push(edge);
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  // In dataset order, not the order they happened to become live.
  const order = [...ports.keys()];
  edges.sort((a, b) => order.indexOf(a.cdnId) - order.indexOf(b.cdnId));
  return { edges, datasetFile, stop };
}

/** Whether 127.0.0.1:`port` can be bound right now (where the edges listen). */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

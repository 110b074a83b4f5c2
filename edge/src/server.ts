/**
 * The reference edge: serves `GET /{titleId}/{variantId}/{n}.m4s?token=…[&sid=…]` for one CDN after
 * checking the token on its own, plus `/health/live` and, outside production, `/_faults`. Builds only;
 * `index.ts` listens.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, sendJson } from '@platform/http';
import { createDrainableServer } from '@platform/httpRequests';
import type { Logger } from '@platform/log';
import { FaultSwitch } from './faults';
import type { SegmentCatalog } from './segments';
import type { SegmentTokenChecker } from './token';

const SEGMENT_PATH = /^\/([^/]+)\/([^/]+)\/(\d+)\.m4s$/;
/** How often a bandwidth-capped response sends its next chunk. */
const PACING_TICK_MS = 50;

export interface EdgeServerOptions {
  cdnId: string;
  tokens: SegmentTokenChecker;
  catalog: SegmentCatalog;
  /** Serve `/_faults`; never in production. */
  faultControl: boolean;
  logger: Logger;
  /** For the error rate; defaults to Math.random. */
  random?: () => number;
}

export interface EdgeServer {
  faults: FaultSwitch;
  server: http.Server;
  start(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

export function createEdgeServer(options: EdgeServerOptions): EdgeServer {
  const faults = new FaultSwitch();
  const random = options.random ?? Math.random;

  async function serveSegment(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    match: RegExpExecArray,
  ) {
    const active = faults.current();
    if (active.down) return void request.socket.destroy();
    if (active.hanging) return; // Never answered; `stop()` closes the connection.
    const [titleId, variantId, segment] = [
      decodeURIComponent(match[1]!),
      decodeURIComponent(match[2]!),
      Number(match[3]),
    ];
    const check = await options.tokens.check(url.searchParams.get('token'), {
      titleId,
      sessionId: url.searchParams.get('sid'),
    });
    if (!check.ok) {
      options.logger.debug('segment refused', { status: check.status, reason: check.reason, titleId });
      return sendJson(response, check.status, { error: check.reason }, CORS);
    }
    // The play's trace (from the token): an edge's log of a session leads back to the play that began it.
    options.logger.debug('segment', {
      titleId,
      variantId,
      segment,
      sid: check.sessionId,
      trace_id: check.traceId,
    });
    const found = options.catalog.lookup(titleId, variantId, segment);
    if (!found.found) return sendJson(response, 404, { error: found.reason }, CORS);
    if (random() < active.errorRate) return sendJson(response, 503, { error: 'injected error' }, CORS);
    if (active.slowMs > 0) await new Promise((resolve) => setTimeout(resolve, active.slowMs));
    response.writeHead(200, {
      ...CORS,
      'content-type': 'video/iso.segment',
      'content-length': String(found.bytes),
      'cache-control': 'private, max-age=3600',
      'x-nominal-bytes': String(found.nominalBytes),
    });
    if (request.method === 'HEAD') return void response.end();
    const body = options.catalog.bytes(found.bytes);
    if (active.bandwidthKbps === null) return void response.end(body);
    await sendPaced(response, body, active.bandwidthKbps);
  }

  async function serveFaults(request: IncomingMessage, response: ServerResponse) {
    if (request.method === 'GET') return sendJson(response, 200, faults.current());
    if (request.method === 'DELETE') return sendJson(response, 200, faults.reset());
    if (request.method !== 'POST') return sendJson(response, 405, { error: 'GET, POST or DELETE' });
    let body: unknown;
    try {
      body = JSON.parse(await readText(request));
      const changed = faults.change(body);
      options.logger.info('faults changed', { cdnId: options.cdnId, faults: changed });
      return sendJson(response, 200, changed);
    } catch (error) {
      return sendJson(response, 400, { error: (error as Error).message });
    }
  }

  const server = createDrainableServer({}, (request, response) => {
    const url = new URL(request.url ?? '/', 'http://edge');
    const match = SEGMENT_PATH.exec(url.pathname);
    let handling: Promise<void> | void = undefined;
    if (match && (request.method === 'GET' || request.method === 'HEAD')) {
      handling = serveSegment(request, response, url, match);
    } else if (request.method === 'OPTIONS') {
      response.writeHead(204, { ...CORS, 'access-control-allow-methods': 'GET, HEAD' }).end();
    } else if (url.pathname === '/health/live') {
      handling = sendJson(response, 200, { status: 'live', cdnId: options.cdnId });
    } else if (url.pathname === '/_faults' && options.faultControl) {
      handling = serveFaults(request, response);
    } else {
      handling = sendJson(response, 404, { error: `No route ${url.pathname}` });
    }
    Promise.resolve(handling).catch((error: unknown) => {
      options.logger.error('edge request failed', { error: (error as Error).message });
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.destroy();
    });
  });

  return {
    faults,
    server,
    start: (port, host) => listen(server, port, host),
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const CORS = { 'access-control-allow-origin': '*' };

/** Sends `body` at no more than `kbps` kilobits per wall second, in chunks every 50 ms. */
async function sendPaced(response: ServerResponse, body: Uint8Array, kbps: number): Promise<void> {
  const chunk = Math.max(1, Math.floor(((kbps * 1000) / 8) * (PACING_TICK_MS / 1000)));
  for (let offset = 0; offset < body.length; offset += chunk) {
    if (response.destroyed) return;
    response.write(body.subarray(offset, offset + chunk));
    if (offset + chunk < body.length) await new Promise((resolve) => setTimeout(resolve, PACING_TICK_MS));
  }
  response.end();
}

function readText(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 64 * 1024) request.destroy(new Error('body too large'));
    });
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

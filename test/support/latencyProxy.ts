/**
 * A TCP proxy in front of one service that adds latency on demand, to make a subgraph slow without
 * touching it: every chunk in either direction waits `delayMs` before it is forwarded.
 */
import net from 'node:net';

export interface LatencyProxy {
  port: number;
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export async function startLatencyProxy(targetPort: number): Promise<LatencyProxy> {
  let delayMs = 0;
  const sockets = new Set<net.Socket>();
  const forward = (from: net.Socket, to: net.Socket) =>
    from.on('data', (chunk) => {
      const send = () => to.writable && to.write(chunk);
      if (delayMs > 0) setTimeout(send, delayMs);
      else send();
    });
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    forward(client, upstream);
    forward(upstream, client);
    // Ends wait like data does, so a delayed last chunk is not cut off.
    client.on('end', () => setTimeout(() => upstream.end(), delayMs));
    upstream.on('end', () => setTimeout(() => client.end(), delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    setDelay: (ms) => (delayMs = ms),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

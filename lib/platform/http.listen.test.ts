/** `listen()` of http.ts: the port a rolling restart hands from the old process to its replacement. */
import http from 'node:http';
import { freePort } from './ports';
import { listen, ListenError } from './http';

describe('listen', () => {
  const servers: http.Server[] = [];
  const server = () => {
    const created = http.createServer((_request, response) => response.end());
    servers.push(created);
    return created;
  };
  afterEach(() => servers.splice(0).forEach((created) => created.close()));

  it('fails at once, naming the port, when the port is taken and no retry window is given', async () => {
    const port = await freePort();
    await listen(server(), port, '127.0.0.1', 0);
    const started = Date.now();
    await expect(listen(server(), port, '127.0.0.1', 0)).rejects.toThrow(
      new ListenError(port, 'already in use'),
    );
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('binds the port within tens of milliseconds of its holder letting go, inside the retry window', async () => {
    const port = await freePort();
    const holder = server();
    await listen(holder, port, '127.0.0.1', 0);
    const replacement = listen(server(), port, '127.0.0.1', 5_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const released = Date.now();
    holder.close();
    await expect(replacement).resolves.toBe(port);
    expect(Date.now() - released).toBeLessThan(100);
  });

  it('gives up with the reason once the retry window has passed', async () => {
    const port = await freePort();
    await listen(server(), port, '127.0.0.1', 0);
    await expect(listen(server(), port, '127.0.0.1', 100)).rejects.toThrow(
      `cannot listen on port ${port}: already in use`,
    );
  });
});

/**
 * The router between the zones (host `wan`): started in its namespace by the topology, it attaches
 * socat to the namespace's TUN device, with each packet as one UDP datagram on loopback, and sends
 * every packet back through the {@link DelayLine}. Which packets reach the router at all is decided
 * by the hosts' routes (faults.ts); which impairment applies, by the JSON file `WAN_IMPAIRMENTS`,
 * read again whenever it changes. Prints `ready` once socat holds the TUN device.
 */
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { DelayLine } from './delayLine';

const impairmentsSchema = z.array(
  z.object({
    from: z.array(z.ipv4()),
    to: z.array(z.ipv4()),
    delayMs: z.number().min(0),
    jitterMs: z.number().min(0),
    loss: z.number().min(0).max(1),
  }),
);

/** The TUN device has a carrier once a process holds it (`ip netns exec` shows this namespace's /sys). */
function attached(tun: string): boolean {
  try {
    return readFileSync(`/sys/class/net/${tun}/carrier`, 'utf8').trim() === '1';
  } catch {
    return false;
  }
}

async function main(file: string, tun: string): Promise<void> {
  const socket = dgram.createSocket('udp4');
  let socat: { port: number; address: string } | null = null;
  const line = new DelayLine({
    forward: (packet) => socat && socket.send(packet, socat.port, socat.address),
  });
  /** A file that does not parse leaves the impairments as they were, and says why. */
  const readImpairments = () => {
    try {
      line.set(impairmentsSchema.parse(JSON.parse(readFileSync(file, 'utf8'))));
    } catch (error) {
      process.stderr.write(`wan: ${file} not applied: ${(error as Error).message}\n`);
    }
  };
  socket.on('message', (packet, from) => {
    socat = { port: from.port, address: from.address };
    line.push(packet);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  readImpairments();
  watchFile(file, { interval: 100 }, readImpairments);

  const relay = spawn(
    'socat',
    ['-b', '65536', `TUN,tun-name=${tun},iff-no-pi,iff-up`, `UDP:127.0.0.1:${socket.address().port}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  relay.on('exit', (code, signal) => {
    process.stderr.write(`wan: socat exited (${code ?? signal})\n`);
    process.exit(1);
  });
  const stop = () => {
    unwatchFile(file);
    line.close();
    relay.removeAllListeners('exit');
    relay.kill('SIGTERM');
    socket.close();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  for (let waited = 0; !attached(tun); waited += 50) {
    if (waited > 10_000) throw new Error(`socat did not attach to ${tun} within 10 s`);
    await sleep(50);
  }
  process.stdout.write('ready\n');
}

const { WAN_IMPAIRMENTS, WAN_TUN } = process.env;
if (!WAN_IMPAIRMENTS || !WAN_TUN) throw new Error('WAN_IMPAIRMENTS and WAN_TUN must be set');
main(WAN_IMPAIRMENTS, WAN_TUN).catch((error: unknown) => {
  process.stderr.write(`wan: ${(error as Error).message}\n`);
  process.exit(1);
});

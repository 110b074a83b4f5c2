import { DelayLine, ipv4Endpoints, type Impairment } from './delayLine';

/** A minimal IPv4 header from `source` to `destination`, with `tag` as its identification. */
function packet(source: string, destination: string, tag = 0): Uint8Array {
  const bytes = new Uint8Array(20);
  bytes[0] = 0x45;
  bytes[5] = tag;
  bytes.set(source.split('.').map(Number), 12);
  bytes.set(destination.split('.').map(Number), 16);
  return bytes;
}

const A = '10.88.0.11';
const B = '10.88.0.21';
const impairment = (overrides: Partial<Impairment>): Impairment => ({
  from: [A],
  to: [B],
  delayMs: 0,
  jitterMs: 0,
  loss: 0,
  ...overrides,
});

describe('the delay line', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads the addresses of an IPv4 packet and nothing else', () => {
    expect(ipv4Endpoints(packet(A, B))).toEqual({ source: A, destination: B });
    const ipv6 = new Uint8Array(40);
    ipv6[0] = 0x60;
    expect(ipv4Endpoints(ipv6)).toBeNull();
    expect(ipv4Endpoints(new Uint8Array(10))).toBeNull();
  });

  it('forwards at once what no impairment names, in either direction', () => {
    const forwarded: Uint8Array[] = [];
    const line = new DelayLine({ forward: (sent) => forwarded.push(sent) });
    line.set([impairment({ delayMs: 100 })]);
    line.push(packet(B, A));
    line.push(packet(A, '10.88.0.31'));
    expect(forwarded).toHaveLength(2);
    expect(line.counts).toEqual({ forwarded: 2, delayed: 0, lost: 0 });
  });

  it('holds a packet for its delay within the jitter, and keeps the order of a pair', () => {
    const forwarded: number[] = [];
    // The first draw makes the longest delay (120 ms), the second the shortest (80 ms).
    const draws = [1 - 1e-9, 0];
    const line = new DelayLine({
      forward: (sent) => forwarded.push(sent[5]!),
      now: () => Date.now(),
      random: () => draws.shift() ?? 0.5,
    });
    line.set([impairment({ delayMs: 100, jitterMs: 20 })]);
    line.push(packet(A, B, 1));
    line.push(packet(A, B, 2));
    jest.advanceTimersByTime(79);
    expect(forwarded).toEqual([]);
    jest.advanceTimersByTime(40);
    expect(forwarded).toEqual([]);
    // The second drew 80 ms but leaves after the first: no reordering within a pair.
    jest.advanceTimersByTime(1);
    expect(forwarded).toEqual([1, 2]);
  });

  it('drops its share of packets', () => {
    const forwarded: Uint8Array[] = [];
    let draw = 0;
    const line = new DelayLine({ forward: (sent) => forwarded.push(sent), random: () => (draw++ % 20) / 20 });
    line.set([impairment({ loss: 0.05 })]);
    for (let index = 0; index < 100; index++) line.push(packet(A, B));
    expect(line.counts.lost).toBe(5);
    expect(forwarded).toHaveLength(95);
  });

  it('applies new impairments to the packets that follow', () => {
    const forwarded: Uint8Array[] = [];
    const line = new DelayLine({ forward: (sent) => forwarded.push(sent) });
    line.set([impairment({ loss: 1 })]);
    line.push(packet(A, B));
    line.set([]);
    line.push(packet(A, B));
    expect(forwarded).toHaveLength(1);
  });
});

import { SingleFlight } from './singleFlight';

describe('single flight', () => {
  it('runs identical calls in flight once and gives every caller the outcome', async () => {
    const flights = new SingleFlight<number>();
    let runs = 0;
    let finish!: (value: number) => void;
    const work = () => {
      runs++;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    const calls = [flights.run('t-1', work), flights.run('t-1', work), flights.run('t-1', work)];
    finish(42);
    expect(await Promise.all(calls)).toEqual([
      { value: 42, shared: false },
      { value: 42, shared: true },
      { value: 42, shared: true },
    ]);
    expect(runs).toBe(1);
  });

  it('runs calls of different keys apart, and a call after the first settled anew', async () => {
    const flights = new SingleFlight<string>();
    let runs = 0;
    const work = async () => `run ${++runs}`;
    await Promise.all([flights.run('a', work), flights.run('b', work)]);
    await flights.run('a', work);
    expect(runs).toBe(3);
    expect(flights.size).toBe(0);
  });

  it('shares a failure with the callers in flight only', async () => {
    const flights = new SingleFlight<string>();
    const failing = () => Promise.reject(new Error('catalog down'));
    await expect(Promise.all([flights.run('t', failing), flights.run('t', failing)])).rejects.toThrow(
      'catalog down',
    );
    await expect(flights.run('t', async () => 'fresh')).resolves.toEqual({ value: 'fresh', shared: false });
  });
});

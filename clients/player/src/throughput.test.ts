import { ThroughputEstimator } from './throughput';

describe('ThroughputEstimator', () => {
  it('knows nothing before the first sample, then reports it exactly', () => {
    const estimator = new ThroughputEstimator();
    expect(estimator.estimateKbps()).toBeNull();
    estimator.addSample(8000, 2);
    expect(estimator.estimateKbps()).toBeCloseTo(4000);
  });

  it('drops within one segment when throughput collapses, and recovers only gradually', () => {
    const estimator = new ThroughputEstimator();
    for (let i = 0; i < 10; i++) estimator.addSample(20_000, 2); // 10 000 kbps
    estimator.addSample(4000, 4); // 1000 kbps
    const afterDrop = estimator.estimateKbps()!;
    expect(afterDrop).toBeLessThan(6000);
    estimator.addSample(20_000, 2);
    const afterOneGood = estimator.estimateKbps()!;
    expect(afterOneGood).toBeGreaterThan(afterDrop);
    expect(afterOneGood).toBeLessThan(9000);
  });
});

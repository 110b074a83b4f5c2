import { GRANTABLE, MUST_REFUSE, planViewers } from './viewerMix';

describe('the viewer mix', () => {
  const options = { viewers: 200, seconds: 60, seed: 42 };

  it('plans the same fleet for the same seed and another one for another seed', () => {
    expect(planViewers(options)).toEqual(planViewers(options));
    expect(planViewers({ ...options, seed: 43 })).not.toEqual(planViewers(options));
  });

  it('sends one request in ten that the dataset must refuse, each with its expected reason', () => {
    const plans = planViewers(options);
    const refusals = plans.filter((plan) => plan.mustRefuse !== null);
    expect(refusals).toHaveLength(20);
    const known = new Set(MUST_REFUSE.map((entry) => `${entry.profileId}/${entry.titleId}/${entry.country}`));
    for (const plan of refusals) {
      expect(known.has(`${plan.request.profileId}/${plan.request.titleId}/${plan.request.country}`)).toBe(
        true,
      );
    }
    const grantable = new Set(GRANTABLE.map((entry) => `${entry.profileId}/${entry.titleId}`));
    for (const plan of plans.filter((candidate) => candidate.mustRefuse === null)) {
      expect(grantable.has(`${plan.request.profileId}/${plan.request.titleId}`)).toBe(true);
    }
  });

  it('mixes every device and every network', () => {
    const plans = planViewers(options);
    expect(new Set(plans.map((plan) => plan.device))).toEqual(
      new Set(['tv-4k-hdr', 'phone', 'web', 'tablet', 'console']),
    );
    expect(new Set(plans.map((plan) => plan.network))).toEqual(
      new Set(['fibre', 'wifi', 'cellular', 'congested']),
    );
  });

  it('starts viewers in the first 40% of the run and has them plan to finish before its end', () => {
    for (const plan of planViewers(options)) {
      expect(plan.startAtMs).toBeGreaterThanOrEqual(0);
      expect(plan.startAtMs).toBeLessThanOrEqual(24_000);
      expect(plan.plannedWallMs).toBeGreaterThanOrEqual(21_000);
      expect(plan.startAtMs + plan.plannedWallMs).toBeLessThanOrEqual(57_000);
    }
  });

  it('gives each viewer a device id of its own and the network its profile reports', () => {
    const plans = planViewers(options);
    expect(new Set(plans.map((plan) => plan.input.device.id)).size).toBe(200);
    const phone = plans.find((plan) => plan.device === 'phone' && plan.network === 'cellular')!;
    expect(phone.input.device).toMatchObject({ type: 'MOBILE', codecs: ['H264'], maxHeight: 720 });
    expect(phone.input.network).toMatchObject({ type: 'CELLULAR', metered: true });
  });
});

import { readFileSync } from 'node:fs';
import { DEMO_DATASET_PATH, parseDataset } from '@platform/dataset/load';
import type { Dataset } from '@platform/dataset/model';
import { DEFAULT_TRAFFIC_MIX, planTrafficMix, withTrafficMix, type MixRequest } from './trafficMix';

const demo = JSON.parse(readFileSync(DEMO_DATASET_PATH, 'utf8')) as Dataset;

describe('the benchmark traffic mix', () => {
  const mix = planTrafficMix(demo);
  const plays = mix.requests.filter((request) => request.kind === 'play');
  const inputOf = (request: MixRequest) =>
    (request.variables as { input: { titleId: string; profileId: string; device: { type: string } } }).input;

  it('adds a thousand households and a catalogue of thousands to a dataset that still loads', () => {
    const dataset = parseDataset(withTrafficMix(demo, mix));
    expect(mix.additions.users).toHaveLength(1_000);
    expect(dataset.titles).toHaveLength(DEFAULT_TRAFFIC_MIX.titles);
    expect(mix.additions.profiles.length).toBeGreaterThan(1_200);
    expect(new Set(mix.additions.users.map((user) => user.country)).size).toBeGreaterThanOrEqual(8);
    expect(mix.additions.users.some((user) => user.subscription === null)).toBe(true);
    expect(mix.additions.entitlements.length).toBeGreaterThan(50);
  });

  it('plans the same requests for the same seed, and others for another', () => {
    expect(planTrafficMix(demo).requests).toEqual(mix.requests);
    const other = planTrafficMix(demo, { ...DEFAULT_TRAFFIC_MIX, seed: 7 });
    expect(other.requests.slice(0, 20)).not.toEqual(mix.requests.slice(0, 20));
  });

  it('browses three times for each play, rows and title pages alike', () => {
    expect(mix.requests).toHaveLength(DEFAULT_TRAFFIC_MIX.requests);
    expect(plays.length / mix.requests.length).toBeCloseTo(0.25, 2);
    const rows = mix.requests.filter((request) => request.kind === 'row').length;
    expect(rows / (mix.requests.length - plays.length)).toBeGreaterThan(0.45);
    expect(rows / (mix.requests.length - plays.length)).toBeLessThan(0.55);
  });

  it('draws titles by popularity over the whole catalogue: a head that repeats and a long tail', () => {
    const counts = new Map<string, number>();
    for (const play of plays) counts.set(inputOf(play).titleId, (counts.get(inputOf(play).titleId) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(counts.size).toBeGreaterThan(500);
    expect(sorted[0]! / plays.length).toBeGreaterThan(0.02);
    expect(sorted.filter((count) => count === 1).length).toBeGreaterThan(200);
    expect(new Set(plays.map((play) => play.accountId)).size).toBeGreaterThan(900);
  });

  it('sends plays from every device class of the fleet, some from a child profile or abroad', () => {
    const types = new Set(plays.map((play) => inputOf(play).device.type));
    expect([...types].sort()).toEqual(['CONSOLE', 'MOBILE', 'TABLET', 'TV', 'WEB']);
    const households = new Map(mix.additions.users.map((user) => [user.id, user]));
    expect(plays.some((play) => !inputOf(play).profileId.endsWith('-0'))).toBe(true);
    expect(plays.some((play) => households.get(play.accountId)!.country !== play.country)).toBe(true);
  });
});

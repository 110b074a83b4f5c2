import { CdnSelector } from './cdnSelector';
import { claimsFor } from '../test/support/manifests';

describe('CdnSelector', () => {
  const cdns = claimsFor().cdns; // cdn-a, cdn-b, cdn-c in manifest order
  let now = 0;
  const selector = () => new CdnSelector(cdns, { setAsideMs: 30_000, now: () => now });

  beforeEach(() => {
    now = 0;
  });

  it('prefers CDNs in manifest order', () => {
    expect(selector().select().id).toBe('cdn-a');
  });

  it('fails over to the next CDN in order and skips every CDN set aside', () => {
    const cdnSelector = selector();
    cdnSelector.setAside('cdn-a');
    expect(cdnSelector.select().id).toBe('cdn-b');
    cdnSelector.setAside('cdn-b');
    expect(cdnSelector.select().id).toBe('cdn-c');
  });

  it('returns to the preferred CDN once its set-aside is over', () => {
    const cdnSelector = selector();
    cdnSelector.setAside('cdn-a');
    now = 29_999;
    expect(cdnSelector.select().id).toBe('cdn-b');
    now = 30_000;
    expect(cdnSelector.select().id).toBe('cdn-a');
    expect(cdnSelector.isSetAside('cdn-a')).toBe(false);
  });

  it('uses the CDN whose set-aside ends first when every CDN is set aside', () => {
    const cdnSelector = selector();
    cdnSelector.setAside('cdn-b');
    now = 1_000;
    cdnSelector.setAside('cdn-a');
    now = 2_000;
    cdnSelector.setAside('cdn-c');
    expect(cdnSelector.select().id).toBe('cdn-b');
  });
});

import { AdmissionControl, DEFAULT_ADMISSION } from './admission';
import { classFromHeader, classOf } from './requestClass';

const CALM = { utilization: 0.3, delayMs: 12 };
const BUSY = { utilization: 0.97, delayMs: 12 };

describe('admission under overload', () => {
  it('refuses the lower classes first: browse past half the limit, critical only past all of it', () => {
    const admission = new AdmissionControl({ ...DEFAULT_ADMISSION, initialLimit: 10 });
    const browse = Array.from({ length: 8 }, () => admission.admit('browse'));
    expect(browse.filter(Boolean)).toHaveLength(5);
    expect(admission.admit('analyst')).toBeNull();
    const critical = Array.from({ length: 8 }, () => admission.admit('critical'));
    expect(critical.filter(Boolean)).toHaveLength(5);
    expect(admission.shed).toEqual({ critical: 3, prefetch: 0, browse: 3, analyst: 1 });
    // A released ticket makes room, once however often it is released.
    const ticket = browse[0]!;
    ticket.release();
    ticket.release();
    expect(admission.admit('critical')).not.toBeNull();
    expect(admission.admit('critical')).toBeNull();
  });

  it('shrinks the limit while the gateway is overloaded, down to its floor, and grows it back only when it is used', () => {
    const admission = new AdmissionControl({ ...DEFAULT_ADMISSION, initialLimit: 100, minLimit: 8 });
    admission.adapt(BUSY);
    expect(admission.limit).toBe(90);
    for (let interval = 0; interval < 50; interval++) admission.adapt({ utilization: 0.5, delayMs: 80 });
    expect(admission.limit).toBe(8);
    // Calm, but nobody near the limit: it stays.
    admission.adapt(CALM);
    expect(admission.limit).toBe(8);
    // Calm and full: it grows.
    const tickets = Array.from({ length: 8 }, () => admission.admit('critical'));
    admission.adapt(CALM);
    expect(admission.limit).toBe(9);
    for (const ticket of tickets) ticket?.release();
  });

  it('gives a request classed again by its document the lower class, and refuses it if that class is full', () => {
    const admission = new AdmissionControl({ ...DEFAULT_ADMISSION, initialLimit: 4 });
    const first = admission.admit('critical')!;
    expect(admission.reclass(first, 'critical')).toBe(first);
    // One in flight, and browse may fill two: the reclassed request keeps its place as browse.
    const browse = admission.reclass(first, 'browse');
    expect(browse?.requestClass).toBe('browse');
    // Three in flight: the next one the document shows to be browse does not fit.
    admission.admit('critical');
    const third = admission.admit('critical')!;
    expect(admission.reclass(third, 'browse')).toBeNull();
    expect(admission.shed.browse).toBe(1);
  });
});

describe('request classes', () => {
  it('come from the document, lowered but never raised by what the request says of itself', () => {
    expect(classOf('play', { analyst: false, declared: null })).toBe('critical');
    expect(classOf('endPlayback', { analyst: false, declared: null })).toBe('critical');
    expect(classOf('play', { analyst: false, declared: 'prefetch' })).toBe('prefetch');
    expect(classOf('browse', { analyst: false, declared: 'critical' })).toBe('browse');
    expect(classOf('play', { analyst: true, declared: 'critical' })).toBe('analyst');
    expect(classFromHeader('prefetch')).toBe('prefetch');
    expect(classFromHeader('urgent')).toBeNull();
    expect(classFromHeader(['critical', 'browse'])).toBeNull();
  });
});

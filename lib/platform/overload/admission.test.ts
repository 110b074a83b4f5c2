import { AdmissionControl, DEFAULT_ADMISSION } from './admission';
import { classOf, declaredClass } from './requestClass';

const CALM = { delayMs: 12 };
const LATE = { delayMs: 80 };

describe('admission under overload', () => {
  it('refuses the lower classes past their shares, and a play only past the ceiling', () => {
    const admission = new AdmissionControl({ ...DEFAULT_ADMISSION, initialLimit: 10, maxLimit: 30 });
    const browse = Array.from({ length: 8 }, () => admission.admit('browse'));
    expect(browse.filter(Boolean)).toHaveLength(5);
    expect(admission.admit('analyst')).toBeNull();
    expect(admission.admit('prefetch')).not.toBeNull();
    // Viewers' starts are not held to the limit: past it, up to the ceiling of 30 in flight.
    const critical = Array.from({ length: 26 }, () => admission.admit('critical'));
    expect(critical.filter(Boolean)).toHaveLength(24);
    expect(admission.shed).toEqual({ critical: 2, prefetch: 0, browse: 3, analyst: 1 });
    // A released ticket makes room, once however often it is released.
    const ticket = critical[0]!;
    ticket.release();
    ticket.release();
    expect(admission.admit('critical')).not.toBeNull();
    expect(admission.admit('critical')).toBeNull();
  });

  it('shrinks the limit while the event loop runs late, down to its floor, and grows it back only when in demand', () => {
    const admission = new AdmissionControl({ ...DEFAULT_ADMISSION, initialLimit: 100, minLimit: 8 });
    admission.adapt(LATE);
    expect(admission.limit).toBe(90);
    for (let interval = 0; interval < 50; interval++) admission.adapt(LATE);
    expect(admission.limit).toBe(8);
    // On time, but nobody asking: it stays.
    admission.adapt(CALM);
    expect(admission.limit).toBe(8);
    // On time, and browsing refused for want of room: it grows by a tenth (at least one).
    const tickets = Array.from({ length: 5 }, () => admission.admit('browse'));
    expect(tickets.filter(Boolean)).toHaveLength(4);
    admission.adapt(CALM);
    expect(admission.limit).toBe(9);
    // A flood asking for more than there is, interval after interval: back from 8 to over 64 in 2.5 s.
    for (let interval = 0; interval < 25; interval++) {
      while (admission.admit('browse'));
      admission.adapt(CALM);
    }
    expect(admission.limit).toBeGreaterThan(64);
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
    expect(declaredClass({ 'x-request-class': 'prefetch' })).toBe('prefetch');
    expect(declaredClass({ 'x-request-class': 'urgent' })).toBeNull();
    expect(declaredClass({})).toBeNull();
  });
});

/**
 * Which requests give way first when a service is overloaded, from the one that must never give
 * way: `critical` (a viewer pressed play, or a session ended), `prefetch` (a device fetching a
 * manifest while the viewer browses), `browse` (titles, continue watching, profiles) and `analyst`
 * (the explorer's queries).
 *
 * A request is classed twice. Before its body is read, from what is cheap to know: the route, and the
 * `x-request-class` header the player SDK sends; so that a flood is refused before it costs a token
 * check or a parse. Once its document is known, from the document itself and the caller's roles: a
 * header may lower a request's class (a `play` sent as `prefetch`) but never raise it, since the class
 * the document gives is checked again then.
 */

import type { IncomingHttpHeaders } from 'node:http';
import { REQUEST_CLASS_HEADER } from '@contracts/shedding';

export const REQUEST_CLASSES = ['critical', 'prefetch', 'browse', 'analyst'] as const;
export type RequestClass = (typeof REQUEST_CLASSES)[number];

/**
 * The class a request declares in `x-request-class`, or null for none or one this platform does not
 * know.
 */
export function declaredClass(headers: IncomingHttpHeaders): RequestClass | null {
  const value = headers[REQUEST_CLASS_HEADER];
  return REQUEST_CLASSES.find((name) => name === value) ?? null;
}

/**
 * The class of a request whose document is known: the document's (a `play`, `startPlayback` or
 * `endPlayback` is critical, a `prefetch` prefetch, anything else browse; an analyst's anything is
 * analyst), lowered, never raised, by what the request said of itself.
 */
export function classOf(
  documentClass: 'play' | 'prefetch' | 'endPlayback' | 'browse',
  options: { analyst: boolean; declared: RequestClass | null },
): RequestClass {
  const own: RequestClass = options.analyst ? 'analyst' : OWN_CLASS[documentClass];
  return options.declared && rank(options.declared) > rank(own) ? options.declared : own;
}

const OWN_CLASS = {
  play: 'critical',
  endPlayback: 'critical',
  prefetch: 'prefetch',
  browse: 'browse',
} as const satisfies Record<string, RequestClass>;

/** 0 for `critical`: the higher the rank, the sooner the class is shed. */
export function rank(requestClass: RequestClass): number {
  return REQUEST_CLASSES.indexOf(requestClass);
}

/**
 * How a service under overload says it refused a request without working on it, so that its caller
 * can tell that from a failure: HTTP 503 with `x-shed: <request class>`. The gateway then tries
 * another replica, or falls back, and does not count the refusal against the replica's circuit: a
 * replica that sheds is protecting itself, not broken. Requests carry their class to every service
 * in `x-request-class` (the player SDK sets it; the gateway passes it on to the subgraphs).
 */
export const SHED_HEADER = 'x-shed';
export const REQUEST_CLASS_HEADER = 'x-request-class';

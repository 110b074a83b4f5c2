import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The headers `@fastify/helmet` adds to every answer of the public listener (JSON and HTML alike):
 * `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer` and
 * helmet's other defaults. JSON answers need no more Content-Security-Policy than this: no framing,
 * no `<base>`, no plugins. The one HTML page, the explorer, replaces it with a complete policy of its
 * own (`EXPLORER_CSP`, gateway/src/explorer/page.ts).
 */
export const securityHeaders: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc,
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
      formAction: ["'self'"],
    },
  },
  frameguard: { action: 'deny' },
};

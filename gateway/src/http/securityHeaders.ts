import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The headers `@fastify/helmet` adds to every answer of the public listener (JSON and HTML alike):
 * `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer` and
 * helmet's other defaults. The Content-Security-Policy holds only what the landing page's own policy
 * cannot say: Apollo's landing page sets `script-src` and `style-src` with a fresh nonce in a `<meta>`
 * tag, and a browser enforces both policies, but `frame-ancestors` (no clickjacking by framing the
 * page) only works as a header. A `default-src` here would also govern the page's nonce'd inline
 * scripts, whose nonce changes with every page, so it is left to the page's own policy.
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

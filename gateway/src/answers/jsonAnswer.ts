/**
 * A plain route's answer: a status and a JSON body (health, JWKS, the legacy REST API). It sits below
 * both the HTTP layer (http/, which serves such answers) and the legacy API (legacy/, which makes
 * them), so that http/ may import legacy/ and nothing points back up.
 */
export interface JsonAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A plain route's answer: a status and a JSON body (health, JWKS, the legacy REST API). */
export interface JsonAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

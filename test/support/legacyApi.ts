/** Requests to the gateway's legacy REST API (`/v1/...`, docs/legacy-api.md), as an older device sends them. */

export interface LegacyAnswer<T = unknown> {
  status: number;
  headers: Headers;
  json: T;
}

interface LegacyRequest {
  /** Defaults to POST with a body, GET without. */
  method?: string;
  /** JSON, or a string sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export async function legacyRequest<T = unknown>(
  gateway: { gatewayUrl: string },
  path: string,
  init: LegacyRequest = {},
): Promise<LegacyAnswer<T>> {
  const response = await fetch(`${gateway.gatewayUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
      ...init.headers,
    },
    ...(init.body !== undefined && {
      body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    }),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as T };
}

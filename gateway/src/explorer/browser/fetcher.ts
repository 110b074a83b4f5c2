/**
 * How the explorer sends an operation: a JSON POST to the gateway with the headers typed into the
 * headers editor. Without an `authorization` header nothing is sent: the gateway would answer 401
 * (a console error in the browser), so the answer here says what to paste instead.
 */
import type { GraphiQLProps } from 'graphiql';

type Fetcher = GraphiQLProps['fetcher'];

export const MISSING_TOKEN_MESSAGE =
  'Paste {"authorization": "Bearer <token>"} into the headers editor (Headers, below the query): ' +
  'every operation, the schema for the docs included, needs a signed-in account.';

export function gatewayFetcher(endpoint: string, send: typeof fetch = fetch): Fetcher {
  return async (params, options) => {
    const headers = Object.fromEntries(
      Object.entries(options?.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    if (!headers.authorization?.trim()) return { errors: [{ message: MISSING_TOKEN_MESSAGE }] };
    const response = await send(endpoint, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(params),
    });
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      // Not GraphQL (a proxy's error page, say): show what came back rather than a parse error.
      return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
    }
  };
}

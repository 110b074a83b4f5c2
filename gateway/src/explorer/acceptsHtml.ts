/**
 * Whether a request's `Accept` header prefers HTML to JSON: a browser opening `/graphql` does
 * (`text/html,...;q=0.9,*\/*;q=0.8`), a GraphQL client does not (`application/json`, or none).
 * What is equally acceptable goes to GraphQL, as Apollo Server's landing page decided before.
 */
const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = accept.split(',').map(parseRange);
  const html = quality(ranges, 'text/html');
  return html > 0 && JSON_TYPES.every((type) => html > quality(ranges, type));
}

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseRange(text: string): MediaRange {
  const [mediaType = '', ...parameters] = text.split(';').map((part) => part.trim().toLowerCase());
  const [type = '', subtype = ''] = mediaType.split('/');
  const qParameter = parameters.find((parameter) => parameter.startsWith('q='));
  const q = qParameter === undefined ? 1 : Number(qParameter.slice(2));
  return { type, subtype, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 };
}

/** The quality of the most specific range matching `mediaType` (RFC 9110 12.5.1); 0 when none does. */
function quality(ranges: MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.split('/');
  let best: { specificity: number; q: number } = { specificity: -1, q: 0 };
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*' && range.subtype === '*'
            ? 0
            : -1;
    if (specificity > best.specificity) best = { specificity, q: range.q };
  }
  return best.q;
}

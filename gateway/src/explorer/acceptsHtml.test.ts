import { prefersHtml } from './acceptsHtml';

describe('prefersHtml', () => {
  it.each([
    // Chromium's and Firefox's navigation headers.
    'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'TEXT/HTML',
    'text/*',
  ])('is true for a browser opening the page: %s', (accept) => {
    expect(prefersHtml(accept)).toBe(true);
  });

  it.each([
    undefined,
    '',
    '*/*',
    'application/json',
    'application/graphql-response+json, application/json;q=0.9',
    // Equal preference goes to GraphQL.
    'text/html, application/json',
    'text/html;q=0.1, application/json',
    'text/html;q=0, */*',
    'image/png',
  ])('is false for a GraphQL client or a tie: %s', (accept) => {
    expect(prefersHtml(accept)).toBe(false);
  });
});

import { z } from 'zod';
import { dottedPath, firstIssue } from './firstIssue';

const errorOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the value to be refused');
  return parsed.error;
};

describe('firstIssue', () => {
  const schema = z.object({ device: z.object({ codecs: z.array(z.string()) }), id: z.string() });

  it('names only the first problem, at its dotted path', () => {
    const error = errorOf(schema, { device: { codecs: ['H264', 7] }, id: 1 });
    expect(firstIssue(error)).toBe('device.codecs.1: Invalid input: expected string, received number');
  });

  it('names the place the way the caller says', () => {
    const error = errorOf(schema, { device: { codecs: [] } });
    expect(firstIssue(error, (path) => dottedPath(['input', ...path]))).toMatch(/^input\.id: /);
    expect(firstIssue(errorOf(schema, null), (path) => dottedPath(path) || 'the value')).toMatch(
      /^the value: /,
    );
  });
});

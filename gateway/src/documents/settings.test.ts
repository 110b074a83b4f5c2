import { parseEnv } from '@platform/env';
import { trustedDocumentsEnvShape, trustedDocumentsMode } from './settings';

const modeOf = (env: NodeJS.ProcessEnv) =>
  trustedDocumentsMode({
    NODE_ENV: env['NODE_ENV'] ?? 'development',
    ...parseEnv(trustedDocumentsEnvShape, env),
  });

describe('TRUSTED_DOCUMENTS', () => {
  it('defaults to enforce in production and to allow in development and tests', () => {
    expect(modeOf({ NODE_ENV: 'production' })).toBe('enforce');
    expect(modeOf({ NODE_ENV: 'development' })).toBe('allow');
    expect(modeOf({ NODE_ENV: 'test' })).toBe('allow');
  });

  it('overrides the default either way when set', () => {
    expect(modeOf({ NODE_ENV: 'production', TRUSTED_DOCUMENTS: 'allow' })).toBe('allow');
    expect(modeOf({ NODE_ENV: 'development', TRUSTED_DOCUMENTS: 'enforce' })).toBe('enforce');
  });

  it('rejects any other value', () => {
    expect(() => parseEnv(trustedDocumentsEnvShape, { TRUSTED_DOCUMENTS: 'off' })).toThrow(
      /TRUSTED_DOCUMENTS/,
    );
  });
});

import path from 'node:path';
import { z } from 'zod';
import { EnvError, REPOSITORY_ROOT, commonEnvShape, onOff, parseEnv, port } from './env';

describe('parseEnv', () => {
  const shape = { ...commonEnvShape, PORT: port(4000), DATASET: z.string().optional() };

  it('applies every default when nothing is set', () => {
    expect(parseEnv(shape, {})).toEqual({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      KEYS_DIR: path.join(REPOSITORY_ROOT, '.keys'),
      SHUTDOWN_GRACE_MS: 10_000,
      PORT: 4000,
    });
  });

  it('reads what is set, turning a port into a number', () => {
    expect(
      parseEnv(shape, {
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        KEYS_DIR: '/var/keys',
        PORT: '8080',
        DATASET: '/data/catalog.json',
      }),
    ).toEqual({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      KEYS_DIR: '/var/keys',
      SHUTDOWN_GRACE_MS: 10_000,
      PORT: 8080,
      DATASET: '/data/catalog.json',
    });
  });

  it('treats an empty variable as unset, so `PORT=` keeps the default port', () => {
    expect(parseEnv(shape, { PORT: '', DATASET: '' })).toMatchObject({ PORT: 4000 });
    expect(parseEnv(shape, { DATASET: '' })).not.toHaveProperty('DATASET');
  });

  it('ignores variables it does not declare', () => {
    expect(parseEnv(shape, { HOME: '/root', PATH: '/usr/bin' })).not.toHaveProperty('HOME');
  });

  it('reports every bad variable at once, naming each', () => {
    let error: unknown;
    try {
      parseEnv(shape, { NODE_ENV: 'staging', PORT: 'eighty', LOG_LEVEL: 'info' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect(error).toHaveProperty('name', 'EnvError');
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid environment:/);
    expect(message).toMatch(/^ {2}NODE_ENV: /m);
    expect(message).toMatch(/^ {2}PORT: /m);
    expect(message).not.toMatch(/LOG_LEVEL/);
  });

  it.each([
    ['above 65535', '70000'],
    ['negative', '-1'],
    ['fractional', '80.5'],
  ])('refuses a port that is %s', (_case, value) => {
    expect(() => parseEnv(shape, { PORT: value })).toThrow(/PORT/);
  });

  it('reads process.env when no environment is given', () => {
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'debug';
    try {
      expect(parseEnv({ LOG_LEVEL: commonEnvShape.LOG_LEVEL }).LOG_LEVEL).toBe('debug');
    } finally {
      if (previous === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = previous;
    }
  });
});

describe('onOff', () => {
  const switches = { CACHE: onOff('on'), TELEMETRY: onOff('off') };

  it('reads an unset switch as its default, and on and off as true and false', () => {
    expect(parseEnv(switches, {})).toEqual({ CACHE: true, TELEMETRY: false });
    expect(parseEnv(switches, { CACHE: 'off', TELEMETRY: 'on' })).toEqual({ CACHE: false, TELEMETRY: true });
  });

  it('refuses any other word, naming the variable and the two it takes', () => {
    expect(() => parseEnv(switches, { CACHE: 'true', TELEMETRY: 'yes' })).toThrow(
      'Invalid environment:\n' +
        '  CACHE: Invalid option: expected one of "on"|"off"\n' +
        '  TELEMETRY: Invalid option: expected one of "on"|"off"',
    );
  });
});

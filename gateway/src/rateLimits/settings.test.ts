import { parseEnv } from '@platform/env';
import { DEFAULT_RATE_LIMIT_BUDGETS } from './budgets';
import { rateLimitBudgets, rateLimitEnvShape } from './settings';

const load = (env: NodeJS.ProcessEnv) => rateLimitBudgets(parseEnv(rateLimitEnvShape, env));

describe('the rate-limit settings', () => {
  it('default to the documented budgets, rate limits on', () => {
    expect(parseEnv(rateLimitEnvShape, {}).RATE_LIMITS).toBe(true);
    expect(load({})).toEqual(DEFAULT_RATE_LIMIT_BUDGETS);
  });

  it('take each budget from its variables', () => {
    const budgets = load({
      RATE_LIMIT_PLAY_PER_MINUTE: '12',
      RATE_LIMIT_PLAY_BURST: '3',
      RATE_LIMIT_END_PLAYBACK_PER_MINUTE: '40',
      RATE_LIMIT_BROWSE_BURST: '7',
      RATE_LIMIT_ADDRESS_PER_MINUTE: '9000',
    });
    expect(budgets.account.play).toEqual({ perMinute: 12, burst: 3 });
    expect(budgets.account.endPlayback.perMinute).toBe(40);
    expect(budgets.account.browse.burst).toBe(7);
    expect(budgets.address.perMinute).toBe(9000);
  });

  it('report every burst larger than its minute, by variable name', () => {
    expect(() => load({ RATE_LIMIT_PLAY_PER_MINUTE: '4', RATE_LIMIT_ADDRESS_BURST: '5000' })).toThrow(
      'Invalid environment:\n' +
        '  RATE_LIMIT_PLAY_BURST: 5 is more than RATE_LIMIT_PLAY_PER_MINUTE (4)\n' +
        '  RATE_LIMIT_ADDRESS_BURST: 5000 is more than RATE_LIMIT_ADDRESS_PER_MINUTE (3000)',
    );
  });

  it('refuse a budget of zero, a fraction or words, and any switch but on and off', () => {
    expect(() => parseEnv(rateLimitEnvShape, { RATE_LIMIT_BROWSE_PER_MINUTE: '0' })).toThrow(
      'RATE_LIMIT_BROWSE_PER_MINUTE',
    );
    expect(() => parseEnv(rateLimitEnvShape, { RATE_LIMIT_PLAY_BURST: '1.5' })).toThrow(
      'RATE_LIMIT_PLAY_BURST',
    );
    expect(() => parseEnv(rateLimitEnvShape, { RATE_LIMIT_ADDRESS_BURST: 'many' })).toThrow(
      'RATE_LIMIT_ADDRESS_BURST',
    );
    expect(() => parseEnv(rateLimitEnvShape, { RATE_LIMITS: 'false' })).toThrow('RATE_LIMITS');
    expect(parseEnv(rateLimitEnvShape, { RATE_LIMITS: 'off' }).RATE_LIMITS).toBe(false);
  });
});

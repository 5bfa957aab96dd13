/** CRISIS_WEBHOOK_SECRET: unset by default (the endpoint is off), at least 16 characters when set, never echoed. */
import { ConfigError, loadConfig } from '../../src/config';

const MINIMAL = { SLACK_BOT_TOKEN: 'xoxb-123-456-abc', SLACK_SIGNING_SECRET: 'shh' };

it('is unset by default and when empty', () => {
  expect(loadConfig(MINIMAL).webhookSecret).toBeUndefined();
  expect(loadConfig({ ...MINIMAL, CRISIS_WEBHOOK_SECRET: '  ' }).webhookSecret).toBeUndefined();
});

it('is read when set', () => {
  expect(loadConfig({ ...MINIMAL, CRISIS_WEBHOOK_SECRET: 'sixteen-chars-ok' }).webhookSecret).toBe('sixteen-chars-ok');
});

it('a short one stops start-up, named with what it expects, and is not echoed', () => {
  let err: unknown;
  try {
    loadConfig({ ...MINIMAL, CRISIS_WEBHOOK_SECRET: 'tooshort', PORT: 'x' });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ConfigError);
  const problems = (err as ConfigError).problems;
  expect(problems).toContain('CRISIS_WEBHOOK_SECRET: expected a shared secret of at least 16 characters');
  expect((err as ConfigError).message).not.toContain('tooshort');
  expect(problems.some((p) => p.startsWith('PORT:'))).toBe(true);
});

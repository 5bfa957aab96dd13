/**
 * The start-up auth.test without Slack: a token Slack refuses stops start-up and leaves no retry
 * behind (the end-to-end test sees the one call; this one sees that nothing is left to make another),
 * while a Slack that cannot be reached is asked again with backoff. Fake timers: no sleeping.
 */
import { silentLogger } from '../../src/logger';
import { ExternalCallError } from '../../src/core/ports';
import { BotIdentity, SlackAuthError } from '../../src/slack/bot-identity';

/** auth.test answering each given code in turn ('ok' for an answer), the last one after that. */
function fakeApi(...answers: string[]) {
  const calls: string[] = [];
  const api = {
    async call(method: string) {
      const answer = answers[Math.min(calls.length, answers.length - 1)] ?? 'ok';
      calls.push(method);
      if (answer === 'ok') return { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT' };
      throw new ExternalCallError(method, answer, `Slack answered ${answer}`);
    },
  };
  return { api, calls };
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

test.each(['invalid_auth', 'not_authed', 'token_revoked', 'account_inactive'])('a token refused with %s stops start-up, and no retry is left to run', async (code) => {
  const { api, calls } = fakeApi(code);
  const identity = new BotIdentity(api, 'xoxb-test', silentLogger, () => {}, { firstDelayMs: 10, maxDelayMs: 20 });
  await expect(identity.learn()).rejects.toBeInstanceOf(SlackAuthError);
  expect(jest.getTimerCount()).toBe(0);
  await jest.runAllTimersAsync();
  expect(calls).toEqual(['auth.test']);
});

test('a Slack that cannot be reached is asked again, later each time, until it answers', async () => {
  const { api, calls } = fakeApi('request_failed', 'request_failed', 'ok');
  const learned: string[] = [];
  const identity = new BotIdentity(api, 'xoxb-test', silentLogger, (id) => learned.push(id), { firstDelayMs: 10, maxDelayMs: 20 });
  await identity.learn();
  expect(jest.getTimerCount()).toBe(1);
  await jest.advanceTimersByTimeAsync(10);
  expect(calls).toHaveLength(2);
  // Doubled: not again after another 10 ms, but after 20.
  await jest.advanceTimersByTimeAsync(10);
  expect(calls).toHaveLength(2);
  await jest.advanceTimersByTimeAsync(10);
  expect(calls).toHaveLength(3);
  expect(learned).toEqual(['U0BOT']);
  expect(jest.getTimerCount()).toBe(0);
  identity.stop();
});

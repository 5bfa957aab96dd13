/**
 * Any body on POST /slack/events gets an HTTP answer and the bot stays up: JSON of every shape that
 * is not a Slack request, text that is not JSON, a body cut short, an empty one and a huge one, as
 * JSON and as a form whose `payload` is not an object, signed and unsigned. Signed ones that are not
 * Slack's get 400 saying why, unsigned ones 401, oversized ones 413; none reaches Bolt (no Web API
 * call, nothing stored), and the bot then still declares a crisis.
 */
import { connect } from 'node:net';
import { createLogger } from '../../src/logger';
import { slackSignature } from '../../src/emulator';
import { ALICE, GENERAL, SIGNING_SECRET, startHarness, type Harness } from '../helpers/harness';
import { declare } from './fixtures/crisis-steps';
import { rowCounts } from './helpers/declare-helpers';

const JSON_TYPE = 'application/json';
const FORM = 'application/x-www-form-urlencoded';
const HUGE = `{"type":"event_callback","event":{"type":"message","text":"${'x'.repeat(2 * 1024 * 1024)}"}}`;

/** Bodies that are not Slack requests, whatever their content type says. */
const NOT_SLACK: Array<[string, string]> = [
  ['null', 'null'],
  ['a number', '1'],
  ['an array', '[]'],
  ['a string', '"x"'],
  ['a boolean', 'true'],
  ['an empty object', '{}'],
  ['not JSON', 'this is not json'],
  ['JSON cut short', '{"type":"event_callback","event":{"type":"app_mention","te'],
  ['nothing', ''],
  ['an event that is null', '{"type":"event_callback","event":null}'],
  ['an event of no type', '{"type":"event_callback","event":{"channel":"C1"}}'],
  ['an unknown type', '{"type":"something_else"}'],
];

/** Form bodies: a payload that is not an interaction object, and forms that are nothing at all. */
const NOT_SLACK_FORMS: Array<[string, string]> = [
  ...['null', '1', '[]', '"x"', 'true', '{}', 'not json', '{"type":"block_actions"', '{"type":"view_submission","channel":null}'].map(
    (p): [string, string] => [`payload=${p}`, new URLSearchParams({ payload: p }).toString()],
  ),
  ['two payload fields', 'payload=%7B%7D&payload=%7B%7D'],
  ['a form of nothing Slack sends', 'hello=world'],
  ['an empty form', ''],
];

let h: Harness;
const errors: string[] = [];

beforeEach(async () => {
  errors.length = 0;
  const logger = createLogger('warn', [], (line) => {
    if (line.includes('"level":"error"')) errors.push(line);
  });
  h = await startHarness({ logger });
  // Start-up's auth.test is not part of what is checked.
  h.emu.resetCalls();
});
afterEach(async () => {
  await h.close();
});

function send(body: string, contentType: string, signed: boolean): Promise<{ status: number; json?: unknown }> {
  return h.driver.raw({ body, contentType, ...(signed ? {} : { signature: false as const }) });
}

/** Nothing reached Bolt's listeners: no Web API call, no processed request, no crisis. */
function nothingHappened(): void {
  expect(h.emu.calls()).toEqual([]);
  expect(rowCounts(h).crises).toBe(0);
  expect(h.bot.db.prepare('SELECT COUNT(*) AS n FROM processed_requests').get()).toEqual({ n: 0 });
}

describe('signed bodies that are not Slack requests', () => {
  test.each(NOT_SLACK)('JSON body: %s gets 400 saying why', async (_what, body) => {
    const res = await send(body, JSON_TYPE, true);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: 'bad_request', detail: expect.stringMatching(/^the (body|form)/) });
    nothingHappened();
  });

  test.each(NOT_SLACK_FORMS)('form body: %s gets 400', async (_what, body) => {
    const res = await send(body, FORM, true);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: 'bad_request' });
    nothingHappened();
  });

  test('a huge body gets 413 without being read whole', async () => {
    expect((await send(HUGE, JSON_TYPE, true)).status).toBe(413);
    expect((await send(HUGE, JSON_TYPE, false)).status).toBe(413);
    nothingHappened();
  });
});

describe('unsigned bodies', () => {
  test.each([...NOT_SLACK.map(([w, b]) => [w, b, JSON_TYPE]), ...NOT_SLACK_FORMS.map(([w, b]) => [w, b, FORM])])('%s gets 401', async (_what, body, type) => {
    expect((await send(body ?? '', type ?? JSON_TYPE, false)).status).toBe(401);
    nothingHappened();
  });
});

test('every one of them, fifty at once, signed and not, is answered, and then the bot still declares a crisis', async () => {
  const all = [...NOT_SLACK.map(([, b]) => [b, JSON_TYPE] as const), ...NOT_SLACK_FORMS.map(([, b]) => [b, FORM] as const)];
  const sends = Array.from({ length: 50 }, (_, i) => {
    const [body, type] = all[i % all.length] ?? ['null', JSON_TYPE];
    return send(body, type, i % 2 === 0);
  });
  const statuses = (await Promise.all(sends)).map((r) => r.status);
  expect(statuses.every((s) => s === 400 || s === 401)).toBe(true);
  expect(statuses.filter((s) => s === 400)).toHaveLength(25);

  // A request whose connection ends before its declared length: no answer can reach it, and nothing breaks.
  await new Promise<void>((resolve) => {
    const socket = connect(h.bot.port ?? 0, '127.0.0.1', () => {
      const ts = Math.floor(Date.now() / 1000);
      const part = '{"type":"event_callback","event":{"type":"mess';
      socket.end(
        `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n` +
          `X-Slack-Request-Timestamp: ${ts}\r\nX-Slack-Signature: ${slackSignature(SIGNING_SECRET, ts, part)}\r\n\r\n${part}`,
      );
    });
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
    socket.resume();
  });
  nothingHappened();

  const health = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
  expect(health.status).toBe(200);
  const crisis = await declare(h, ALICE, GENERAL, 'Still standing after the garbage');
  expect(h.emu.pins(crisis.channelId)).toHaveLength(1);
  expect(errors).toEqual([]);
});

describe('what Slack itself sends without a command', () => {
  test("the SSL check (unsigned by design) gets 200; url_verification gets its challenge back; app_rate_limited gets 200", async () => {
    expect((await send('ssl_check=1&token=abc', FORM, false)).status).toBe(200);
    const verified = await h.driver.urlVerification('challenge-123');
    expect(verified.status).toBe(200);
    expect(verified.body).toContain('challenge-123');
    const limited = await send(JSON.stringify({ token: 't', team_id: 'T0CRISIS', minute_rate_limited: 1518467820, api_app_id: 'A0', type: 'app_rate_limited' }), JSON_TYPE, true);
    expect(limited.status).toBe(200);
    nothingHappened();
  });

  test('other paths get 404, and GET on /slack/events 405', async () => {
    expect((await fetch(`http://127.0.0.1:${h.bot.port}/nothing-here`)).status).toBe(404);
    const get = await fetch(`http://127.0.0.1:${h.bot.port}/slack/events`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});

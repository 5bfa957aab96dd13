/**
 * The HTTP door, against the real bot on a port with its limits shortened: a signed request dated
 * in the future is refused like a stale one; a body that trickles is cut off at the deadline; a body
 * over the cap is refused before it is sent, not read to the end; unverified bodies share one
 * budget; connections past the cap get a clear 503; the volume webhook sits behind the same door.
 * After every refusal nothing was stored or called, and the bot still answers.
 */
import { connect, type Socket } from 'node:net';
import { slackSignature } from '../../src/emulator';
import { FREE_BYTES } from '../../src/http/body-reader';
import { signBody } from '../../src/http/webhook-signature';
import { ALICE, GENERAL, SIGNING_SECRET, startHarness, type Harness } from '../helpers/harness';
import { ackText, crisisCommand, rowCounts } from './helpers/declare-helpers';

const DEADLINE_MS = 400;
const MAX_CONNECTIONS = 6;
const WEBHOOK_SECRET = 'door-webhook-secret-0123456789';

let h: Harness;
const sockets: Socket[] = [];

beforeEach(async () => {
  h = await startHarness({ env: { CRISIS_WEBHOOK_SECRET: WEBHOOK_SECRET }, bot: { doorLimits: { deadlineMs: DEADLINE_MS, maxConnections: MAX_CONNECTIONS, unverifiedBytes: 400 * 1024 } } });
  h.emu.resetCalls();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await h.close();
});

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Nothing reached the bot's handlers: no Web API call, no crisis, no request recorded. */
function nothingHappened(): void {
  expect(h.emu.calls()).toEqual([]);
  expect(rowCounts(h).crises).toBe(0);
  expect(h.bot.db.prepare('SELECT COUNT(*) AS n FROM processed_requests').get()).toEqual({ n: 0 });
}

interface RawAnswer {
  status: number;
  text: string;
  /** Milliseconds from the socket's connection to the first byte of the answer. */
  afterMs: number;
  /** The bot closed the connection. */
  closed: Promise<void>;
}

/** A raw connection that sends `head` (and then whatever the test writes) and resolves with the first answer. */
function rawRequest(head: string, path = '/slack/events'): { socket: Socket; answer: Promise<RawAnswer> } {
  const socket = connect(h.bot.port ?? 0, '127.0.0.1');
  sockets.push(socket);
  const started = Date.now();
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    let text = '';
    let firstAt = 0;
    socket.on('data', (chunk: Buffer) => {
      firstAt ||= Date.now();
      text += chunk.toString('utf8');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      if (status && text.includes('\r\n\r\n')) resolve({ status: Number(status), text, afterMs: firstAt - started, closed });
    });
    socket.once('close', () => reject(new Error(`closed without an answer: ${JSON.stringify(text)}`)));
  });
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${head}`);
  return { socket, answer };
}

/** Signed-looking headers for a body that will not be sent whole (the signature cannot be right). */
function slackHead(extra: string, timestamp = nowSeconds()): string {
  return `Content-Type: application/x-www-form-urlencoded\r\nX-Slack-Request-Timestamp: ${timestamp}\r\nX-Slack-Signature: v0=${'ab'.repeat(32)}\r\n${extra}\r\n`;
}

describe('the timestamp, either way', () => {
  test.each([
    ['6 minutes ahead', 6 * 60],
    ['an hour ahead', 60 * 60],
    ['ten years ahead', 10 * 365 * 24 * 60 * 60],
  ])('a correctly signed command dated %s gets 401 and changes nothing', async (_what, ahead) => {
    const result = await h.driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 From the future', timestampOverride: nowSeconds() + ahead });
    expect(result.status).toBe(401);
    nothingHappened();
  });

  test('4 minutes ahead (a clock a little fast) is still accepted', async () => {
    const result = await h.driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'list', timestampOverride: nowSeconds() + 4 * 60 });
    expect(result.status).toBe(200);
    expect(ackText(result)).toContain('No open crises');
  });

  test('a stale or future timestamp is refused from the headers alone: the body is never waited for', async () => {
    const { answer } = rawRequest(slackHead('Content-Length: 5000\r\n', nowSeconds() + 3600));
    const got = await answer;
    expect(got.status).toBe(401);
    // Answered at once, not after the deadline a body would have had.
    expect(got.afterMs).toBeLessThan(DEADLINE_MS);
    await got.closed;
    nothingHappened();
  });
});

describe('bodies', () => {
  test('a body that trickles is cut off at the deadline with 408 and the connection closed', async () => {
    const { socket, answer } = rawRequest(slackHead('Content-Length: 2000\r\n'));
    // A few bytes now and then, never the whole body.
    const drip = setInterval(() => socket.write('text=a'), 50);
    try {
      const got = await answer;
      expect(got.status).toBe(408);
      expect(got.afterMs).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
      await got.closed;
    } finally {
      clearInterval(drip);
    }
    nothingHappened();
    expect(ackText(await crisisCommand(h, ALICE, GENERAL, 'list'))).toContain('No open crises');
  });

  test('headers that trickle are cut off too (408)', async () => {
    const socket = connect(h.bot.port ?? 0, '127.0.0.1');
    sockets.push(socket);
    socket.on('error', () => {});
    const answered = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString()));
      socket.once('close', () => resolve(text));
    });
    socket.write('POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 50);
    try {
      expect(await answered).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(drip);
    }
  });

  test('a body declared over 256 KiB is refused (413) before a byte of it is sent', async () => {
    const { answer } = rawRequest(slackHead(`Content-Length: ${10 * 1024 * 1024}\r\n`));
    const got = await answer;
    expect(got.status).toBe(413);
    await got.closed;
    nothingHappened();
  });

  test('a body sent without a length is refused (413) once it passes 256 KiB, while the client still has more to send', async () => {
    const { socket, answer } = rawRequest(slackHead('Transfer-Encoding: chunked\r\n'));
    const chunk = (text: string): string => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
    // 300 KiB of a body that would go on for megabytes; the rest is never needed.
    socket.write(chunk(`text=${'x'.repeat(300 * 1024)}`));
    const got = await answer;
    expect(got.status).toBe(413);
    expect(got.text).toContain('the body is over 256 KiB');
    await got.closed;
    nothingHappened();
  });

  test('bodies not yet vouched for share one budget: past it, 503, and the first is still read', async () => {
    // Two senders of a 250 KiB body: the first holds 220 KiB, the second passes the 400 KiB budget.
    const first = rawRequest(slackHead(`Content-Length: ${250 * 1024}\r\n`));
    first.socket.write('x'.repeat(220 * 1024));
    await h.emu.waitFor(() => h.bot.slack.door.heldBytes >= 220 * 1024 - FREE_BYTES, 5000, 'the first body held by the door');
    const second = rawRequest(slackHead(`Content-Length: ${250 * 1024}\r\n`));
    second.socket.write('x'.repeat(200 * 1024));
    const refused = await second.answer;
    expect(refused.status).toBe(503);
    expect(refused.text).toContain('over_capacity');
    // The first finishes its body: the signature is wrong, so 401, but it was read, not dropped.
    first.socket.write('x'.repeat(30 * 1024));
    expect((await first.answer).status).toBe(401);
    nothingHappened();
  });

  test('a real command still gets through while slow senders hold their bodies', async () => {
    const slow = [rawRequest(slackHead('Content-Length: 2000\r\n')), rawRequest(slackHead('Content-Length: 2000\r\n'))];
    for (const s of slow) s.socket.write('text=');
    const ack = await crisisCommand(h, ALICE, GENERAL, 'list');
    expect(ack.status).toBe(200);
    expect(ackText(ack)).toContain('No open crises');
    for (const s of slow) expect((await s.answer).status).toBe(408);
  });
});

describe('connections', () => {
  async function openIdle(count: number): Promise<Socket[]> {
    const opened = await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<Socket>((resolve) => {
            const s = connect(h.bot.port ?? 0, '127.0.0.1', () => resolve(s));
            s.on('error', () => {});
            // Read whatever comes, so the bot's closing is seen.
            s.resume();
            sockets.push(s);
          }),
      ),
    );
    await h.emu.waitFor(() => h.bot.slack.door.connections >= count, 5000, `the door holding ${count} connections`);
    return opened;
  }

  test('past the cap a new connection gets a clear 503 and is closed; with room again, it is served', async () => {
    const idle = await openIdle(MAX_CONNECTIONS);
    const health = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`, { headers: { Connection: 'close' } });
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('1');
    expect(await health.json()).toEqual({ ok: false, error: 'over_capacity', detail: 'too many connections; try again shortly' });
    const ack = await crisisCommand(h, ALICE, GENERAL, 'declare sev1 Over the cap');
    expect(ack.status).toBe(503);
    nothingHappened();

    for (const s of idle) s.destroy();
    await h.emu.waitFor(() => h.bot.slack.door.connections === 0, 5000, 'the door seeing the connections closed');
    expect((await crisisCommand(h, ALICE, GENERAL, 'list')).status).toBe(200);
  });

  test('an idle connection is closed at the deadline, so idle ones cannot hold the cap', async () => {
    const opened = Date.now();
    const [idle] = await openIdle(1);
    const closedAt = await new Promise<number>((resolve) => idle?.once('close', () => resolve(Date.now())));
    // The deadline, plus Node's check interval (a quarter of it) and some slack for a busy machine.
    expect(closedAt - opened).toBeLessThan(DEADLINE_MS * 4);
  });
});

describe('the volume webhook behind the same door', () => {
  const url = (): string => `http://127.0.0.1:${h.bot.port}/hooks/volume`;

  test('unsigned headers are refused (401) before the body is read, even a body never sent', async () => {
    const { answer } = rawRequest('Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n', '/hooks/volume');
    const got = await answer;
    expect(got.status).toBe(401);
    expect(got.afterMs).toBeLessThan(DEADLINE_MS);
  });

  test('a signed body that trickles gets 408; one over 64 KiB gets 413 as before', async () => {
    const ts = String(Math.floor(h.clock.now().getTime() / 1000));
    const signature = signBody(WEBHOOK_SECRET, ts, '{"never":"sent"}');
    const { socket, answer } = rawRequest(`Content-Type: application/json\r\nContent-Length: 500\r\nX-Crisis-Timestamp: ${ts}\r\nX-Crisis-Signature: ${signature}\r\n\r\n`, '/hooks/volume');
    socket.write('{"channel":');
    expect((await answer).status).toBe(408);
    const big = await fetch(url(), { method: 'POST', headers: { 'X-Crisis-Timestamp': ts, 'X-Crisis-Signature': signature }, body: 'x'.repeat(64 * 1024 + 1) });
    expect(big.status).toBe(413);
  });
});

test('Slack SSL check, the one unsigned request, is still answered; an unsigned form bigger than one is not read', async () => {
  expect((await h.driver.raw({ body: 'ssl_check=1&token=abc', contentType: 'application/x-www-form-urlencoded', signature: false })).status).toBe(200);
  const { answer } = rawRequest('Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\n');
  expect((await answer).status).toBe(401);
  // A correctly signed request still works (the signature over the exact bytes).
  const body = new URLSearchParams({ command: '/crisis', text: 'list', user_id: ALICE, channel_id: GENERAL, trigger_id: '1.2.3' }).toString();
  const ts = nowSeconds();
  const signed = rawRequest(`Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Slack-Request-Timestamp: ${ts}\r\nX-Slack-Signature: ${slackSignature(SIGNING_SECRET, ts, body)}\r\n\r\n`);
  signed.socket.write(body);
  expect((await signed.answer).status).toBe(200);
});

/**
 * POST /hooks/volume end to end, against the real bot on a port: every answer the contract lists
 * (200, a repeated id, 401 for a bad or missing signature and a timestamp 5 minutes off either
 * way, 400 bad JSON or fields, 404 no open crisis, 413 over 64 KiB, 404 when the secret is unset),
 * what each stores (only the 200 that is not a repeat stores a sample), the card after samples,
 * the sharp-rise notice sent once, and bodies of any shape that never take the bot down.
 */
import http from 'node:http';
import fc from 'fast-check';
import type { Crisis } from '../../src/core/crisis';
import { signBody } from '../../src/http/webhook-signature';
import { ALICE, startHarness, type Harness } from '../helpers/harness';
import { atMinute, blockText, cardOf, postVolume, startCustomerHarness, WEBHOOK_SECRET } from './helpers/customer-helpers';
import { crisisCommand, declareCrisis, settle } from './timeline-fixtures';

let h: Harness;
let crisis: Crisis;

beforeEach(async () => {
  h = await startCustomerHarness();
  crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
});

afterEach(async () => {
  await h.close();
});

function samples(): number {
  return h.bot.store.volume.list(crisis.id).length;
}

const at = (minutes: number): void => atMinute(h, minutes);

describe('answers', () => {
  it('200 {"ok":true} records the sample; the card shows it', async () => {
    const answer = await postVolume(h, { channel: crisis.channelId, count: 120, source: 'zendesk', id: 'evt-1' });
    expect(answer).toMatchObject({ status: 200, json: { ok: true } });
    expect(h.bot.store.volume.list(crisis.id)).toEqual([expect.objectContaining({ count: 120, source: 'zendesk', externalId: 'evt-1', recordedBy: null })]);
    await settle(h);
    await h.emu.waitFor(() => blockText(cardOf(h, crisis), 'card_volume')?.includes('120'));
    expect(blockText(cardOf(h, crisis), 'card_volume')).toContain('(zendesk)');
  });

  it('a repeated id answers 200 and records nothing', async () => {
    const body = { channel: crisis.channelId, count: 120, source: 'zendesk', id: 'evt-1' };
    expect((await postVolume(h, body)).status).toBe(200);
    expect(await postVolume(h, { ...body, count: 999 })).toMatchObject({ status: 200, json: { ok: true } });
    expect(h.bot.store.volume.list(crisis.id).map((s) => s.count)).toEqual([120]);
  });

  it('takes `at` as the sample time, and a numeric id as text', async () => {
    expect((await postVolume(h, { channel: crisis.channelId, count: 7, source: 'gorgias', at: '2026-03-02T08:55:00+00:00', id: 42 })).status).toBe(200);
    expect(h.bot.store.volume.list(crisis.id)[0]).toMatchObject({ sampledAt: '2026-03-02T08:55:00.000Z', externalId: '42' });
  });

  it.each([
    ['a wrong signature', { signature: `sha256=${'0'.repeat(64)}` }],
    ['a signature made with another secret', { secret: 'another-secret-0123456789' }],
    ['no signature', { signature: null }],
    ['a signature that is not sha256=<hex>', { signature: 'v0=abc' }],
    ['no timestamp', { timestamp: null }],
    ['a timestamp that is not a number', { timestamp: 'yesterday' }],
  ])('401 for %s, nothing stored', async (_what, options) => {
    const answer = await postVolume(h, { channel: crisis.channelId, count: 5, source: 'zendesk' }, options);
    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ ok: false });
    expect(samples()).toBe(0);
  });

  it('401 for a timestamp more than 5 minutes old or ahead, signed correctly; 200 just inside', async () => {
    const now = Math.floor(h.clock.now().getTime() / 1000);
    const body = { channel: crisis.channelId, count: 5, source: 'zendesk' };
    expect((await postVolume(h, body, { timestamp: now - 301 })).status).toBe(401);
    expect((await postVolume(h, body, { timestamp: now + 301 })).status).toBe(401);
    expect(samples()).toBe(0);
    expect((await postVolume(h, body, { timestamp: now - 299 })).status).toBe(200);
    expect((await postVolume(h, body, { timestamp: now + 299 })).status).toBe(200);
    expect(samples()).toBe(2);
  });

  it('400 with a reason for a body that is not JSON', async () => {
    const answer = await postVolume(h, '{"channel": ');
    expect(answer).toMatchObject({ status: 400, json: { ok: false, error: 'the body is not valid JSON' } });
    expect(samples()).toBe(0);
  });

  it.each([
    ['null', null, 'JSON object'],
    ['an array', [1, 2], 'JSON object'],
    ['a number', 12, 'JSON object'],
    ['no channel', { count: 1, source: 'zendesk' }, 'channel'],
    ['a channel name', { channel: '#crisis', count: 1, source: 'zendesk' }, 'channel'],
    ['no count', { channel: 'C1', source: 'zendesk' }, 'count'],
    ['a negative count', { channel: 'C1', count: -1, source: 'zendesk' }, 'count'],
    ['a fractional count', { channel: 'C1', count: 1.5, source: 'zendesk' }, 'count'],
    ['a count as text', { channel: 'C1', count: '12', source: 'zendesk' }, 'count'],
    ['no source', { channel: 'C1', count: 1 }, 'source'],
    ['a 41-character source', { channel: 'C1', count: 1, source: 'x'.repeat(41) }, 'source'],
    ['an `at` that is not a time', { channel: 'C1', count: 1, source: 'zendesk', at: 'noon' }, 'at'],
    ['an `at` without a zone', { channel: 'C1', count: 1, source: 'zendesk', at: '2026-03-02T09:00:00' }, 'at'],
    ['an empty id', { channel: 'C1', count: 1, source: 'zendesk', id: '' }, 'id'],
  ])('400 for %s, naming what is wrong', async (_what, body, field) => {
    // 'C1' stands for the crisis's own channel, so only the field named is wrong.
    const sent = body !== null && typeof body === 'object' && !Array.isArray(body) && 'channel' in body && body.channel === 'C1' ? { ...body, channel: crisis.channelId } : body;
    const answer = await postVolume(h, sent);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ ok: false, error: expect.stringContaining(field) });
    expect(samples()).toBe(0);
  });

  it('400 for an `at` more than 5 minutes in the future', async () => {
    const answer = await postVolume(h, { channel: crisis.channelId, count: 3, source: 'zendesk', at: '2026-03-02T09:10:00Z' });
    expect(answer).toMatchObject({ status: 400, json: { ok: false, error: 'at must not be more than 5 minutes ahead of now (2026-03-02T09:00:00.000Z); got 2026-03-02T09:10:00Z' } });
    expect(samples()).toBe(0);
  });

  it('400 for an `at` before the crisis (1970), saying the earliest time taken; a day before the declaration is taken', async () => {
    const answer = await postVolume(h, { channel: crisis.channelId, count: 3, source: 'zendesk', at: '1970-01-01T00:00:00Z' });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ ok: false, error: `at must be within the crisis: no earlier than 2026-03-01T09:00:00.000Z, a day before it was declared; got 1970-01-01T00:00:00Z` });
    expect((await postVolume(h, { channel: crisis.channelId, count: 3, source: 'zendesk', at: '2026-03-01T08:59:59Z' })).status).toBe(400);
    expect(samples()).toBe(0);
    expect((await postVolume(h, { channel: crisis.channelId, count: 3, source: 'zendesk', at: '2026-03-01T09:00:00Z' })).status).toBe(200);
    expect((await postVolume(h, { channel: crisis.channelId, count: 4, source: 'zendesk', at: '2026-03-02T09:05:00Z' })).status).toBe(200);
    expect(samples()).toBe(2);
  });

  it.each([
    ['a count as text', { count: '12' }, 'count must be an integer ≥ 0, got a string'],
    ['a negative count', { count: -3 }, 'count must be an integer ≥ 0, got -3'],
    ['a fractional count', { count: 1.5 }, 'count must be an integer ≥ 0, got 1.5'],
    ['a count of null', { count: null }, 'count must be an integer ≥ 0, got null'],
    ['no count', { count: undefined }, 'count is required: an integer ≥ 0'],
    ['a source that is a number', { source: 7 }, 'source must be text of 1 to 40 characters, got 7'],
    ['an `at` that is a number', { at: 1700000000 }, 'at must be an ISO-8601 time with a zone, e.g. 2026-03-02T09:15:00Z, got 1700000000'],
    ['an id that is an object', { id: { n: 1 } }, 'id must be text (or a whole number) of 1 to 200 characters, got an object'],
  ])('400 for %s says the real problem', async (_what, fields, error) => {
    const answer = await postVolume(h, { channel: crisis.channelId, count: 1, source: 'zendesk', ...fields });
    expect(answer).toMatchObject({ status: 400, json: { ok: false, error } });
    expect(samples()).toBe(0);
  });

  it('400 names every problem of a body at once', async () => {
    const answer = await postVolume(h, { channel: '#crisis', count: '12' });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      ok: false,
      error: 'channel must be a channel ID such as C0123456789, got "#crisis"; count must be an integer ≥ 0, got a string; source is required: text of 1 to 40 characters',
    });
  });

  it('the same signed body without an id, sent three times, is recorded once (each answered 200); signed anew, it is a new sample', async () => {
    const body = { channel: crisis.channelId, count: 12, source: 'zendesk' };
    const timestamp = Math.floor(h.clock.now().getTime() / 1000);
    for (let i = 0; i < 3; i += 1) expect(await postVolume(h, body, { timestamp })).toMatchObject({ status: 200, json: { ok: true } });
    expect(h.bot.store.volume.list(crisis.id).map((s) => s.count)).toEqual([12]);
    // The same words a minute later are a new delivery (a new timestamp, so a new signature).
    expect((await postVolume(h, body, { timestamp: timestamp + 60 })).status).toBe(200);
    expect(samples()).toBe(2);
  });

  it('strips NUL and bidi overrides from the source', async () => {
    expect((await postVolume(h, { channel: crisis.channelId, count: 5, source: 'zen\u0000desk\u202E lxt.exe' })).status).toBe(200);
    expect(h.bot.store.volume.list(crisis.id)[0]?.source).toBe('zendesk lxt.exe');
  });

  it('404 when no crisis has the channel, and when its crisis is resolved', async () => {
    expect(await postVolume(h, { channel: 'C0NOTACRISIS', count: 3, source: 'zendesk' })).toMatchObject({ status: 404, json: { ok: false } });
    await crisisCommand(h, ALICE, crisis.channelId, 'resolve Fixed');
    await h.emu.waitFor(() => h.bot.store.crises.get(crisis.id).status === 'resolved');
    expect(await postVolume(h, { channel: crisis.channelId, count: 3, source: 'zendesk' })).toMatchObject({ status: 404, json: { error: expect.stringContaining(crisis.channelId) } });
    expect(samples()).toBe(0);
  });

  it('413 for a body over 64 KiB, signed or not; exactly 64 KiB is read', async () => {
    const padded = (size: number): string => {
      const base = JSON.stringify({ channel: crisis.channelId, count: 1, source: 'zendesk', pad: '' });
      return base.replace('"pad":""', `"pad":"${'x'.repeat(size - base.length)}"`);
    };
    expect(Buffer.byteLength(padded(64 * 1024 + 1))).toBe(64 * 1024 + 1);
    expect(await postVolume(h, padded(64 * 1024 + 1))).toMatchObject({ status: 413, json: { ok: false } });
    expect((await postVolume(h, padded(200 * 1024), { signature: null })).status).toBe(413);
    expect(samples()).toBe(0);
    expect(await postVolume(h, padded(64 * 1024))).toMatchObject({ status: 200 });
    expect(samples()).toBe(1);
  });

  it('a body sent without Content-Length (chunked) is capped the same way', async () => {
    const big = 'x'.repeat(70 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    // Signed headers (the body is read only then); unsigned, it is refused before being read.
    const timestamp = String(Math.floor(h.clock.now().getTime() / 1000));
    const headers = { 'X-Crisis-Timestamp': timestamp, 'X-Crisis-Signature': signBody(WEBHOOK_SECRET, timestamp, big) };
    const url = `http://127.0.0.1:${h.bot.port}/hooks/volume`;
    const res = await fetch(url, { method: 'POST', headers, body: stream, duplex: 'half' });
    expect(res.status).toBe(413);
    const unsigned = await fetch(url, { method: 'POST', body: big });
    expect(unsigned.status).toBe(413);
  });
});

describe('the sharp-rise notice', () => {
  function notices(): number {
    return h.emu.messages(crisis.channelId).filter((m) => m.text.startsWith('Sharp rise in complaints')).length;
  }
  function leadDms(): number {
    return h.emu.dmsTo(ALICE).filter((m) => m.text.startsWith('Sharp rise in complaints')).length;
  }
  async function sample(minutes: number, count: number, id: string): Promise<void> {
    at(minutes);
    expect((await postVolume(h, { channel: crisis.channelId, count, source: 'zendesk', id })).status).toBe(200);
    await settle(h);
  }

  it('is posted once to the channel and DMed once to the lead per rise, and again only after the rise ended', async () => {
    await sample(0, 20, 'a');
    await sample(10, 22, 'b');
    await sample(20, 18, 'c');
    await sample(30, 21, 'd');
    expect(notices()).toBe(0);
    // 2× the median (20.5) and over the minimum: the rise.
    await sample(40, 45, 'e');
    await h.emu.waitFor(() => notices() === 1 && leadDms() === 1);
    // Still rising: no second notice.
    await sample(50, 60, 'f');
    await sample(55, 80, 'g');
    expect(notices()).toBe(1);
    expect(leadDms()).toBe(1);
    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'volume_rise')).toHaveLength(1);
    // Back under the threshold ends the rise; the next sharp rise is told again.
    await sample(120, 30, 'h');
    await sample(125, 31, 'i');
    await sample(130, 29, 'j');
    await sample(140, 90, 'k');
    await h.emu.waitFor(() => notices() === 2 && leadDms() === 2);
    const notice = h.emu.messages(crisis.channelId).filter((m) => m.text.startsWith('Sharp rise in complaints')).pop();
    expect(JSON.stringify(notice?.blocks)).toContain('<@U0ALICE>');
  });

  it('is not sent for small numbers, however steep', async () => {
    await sample(0, 1, 'a');
    await sample(5, 1, 'b');
    await sample(10, 2, 'c');
    await sample(15, 15, 'd');
    expect(notices()).toBe(0);
  });

  it('a repeated delivery of the rising sample tells nobody twice', async () => {
    for (const [m, c, id] of [[0, 20, 'a'], [5, 20, 'b'], [10, 20, 'c']] as const) await sample(m, c, id);
    await sample(15, 60, 'rise');
    await sample(15, 60, 'rise');
    await h.emu.waitFor(() => notices() === 1);
    await settle(h);
    expect(notices()).toBe(1);
    expect(leadDms()).toBe(1);
  });
});

describe('any body at all', () => {
  it('gets an HTTP answer, signed or not, and the bot stays up', async () => {
    const bodies = fc.oneof(
      fc.json(),
      fc.string(),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.record({ channel: fc.oneof(fc.constant(crisis.channelId), fc.string()), count: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)), source: fc.oneof(fc.string(), fc.integer()), id: fc.oneof(fc.string(), fc.integer(), fc.object()) }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(bodies, fc.boolean(), async (body, signed) => {
        const answer = await postVolume(h, body, signed ? {} : { signature: null });
        expect([200, 400, 401, 404]).toContain(answer.status);
        expect(answer.json).toMatchObject({ ok: answer.status === 200 });
      }),
      { numRuns: 150 },
    );
    const health = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('a client that goes away mid-body', () => {
  it('is let go, and the bot keeps answering', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: h.bot.port, path: '/hooks/volume', method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': '5000' } });
      req.on('error', () => resolve());
      req.write('{"channel": "C', () => setTimeout(() => {
        req.destroy();
        resolve();
      }, 20));
    });
    expect((await postVolume(h, { channel: crisis.channelId, count: 1, source: 'zendesk' })).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${h.bot.port}/healthz`)).status).toBe(200);
    expect(h.bot.slack.inFlight.size).toBe(0);
  });
});

describe('with CRISIS_WEBHOOK_SECRET unset', () => {
  it('the endpoint answers 404, even to a body signed with a guessed secret, and stores nothing', async () => {
    const off = await startHarness();
    try {
      const other = await declareCrisis(off, ALICE, 'No webhook here');
      const body = JSON.stringify({ channel: other.channelId, count: 5, source: 'zendesk' });
      const ts = Math.floor(off.clock.now().getTime() / 1000);
      const res = await fetch(`http://127.0.0.1:${off.bot.port}/hooks/volume`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Crisis-Timestamp': String(ts), 'X-Crisis-Signature': signBody(WEBHOOK_SECRET, ts, body) },
        body,
      });
      expect(res.status).toBe(404);
      expect(off.bot.store.volume.list(other.id)).toEqual([]);
    } finally {
      await off.close();
    }
  });
});

/**
 * POST /hooks/helpdesk/<desk> end to end, against the real bot over HTTP: each desk's native
 * payload, signed its own way, counts for the crisis whose tag it carries and shows on the card;
 * a bad signature, a stale timestamp, a wrong or missing token, a replay and a malformed body each
 * get their answer and record nothing; 413 over 64 KiB; 404 while a desk's secret is unset.
 * Then `/crisis tag` and `/crisis keywords`, and tickets as period samples on the card.
 */
import type { Crisis } from '../../src/core/crisis';
import { ALICE, ANNOUNCE, type Harness } from '../helpers/harness';
import { readable } from './helpers/declare-helpers';
import { blockText, cardOf, faqMessages } from './helpers/customer-helpers';
import { deskHeaders, fixture, HELPDESK_T0, postDesk, recorded, startHelpdeskHarness, helpdeskEnv, SECRETS } from './helpers/helpdesk-helpers';
import { declareCrisis, settle } from './timeline-fixtures';
import { crisisCommand } from './updates-helpers';

let h: Harness;
let crisis: Crisis;
let tag: string;

beforeEach(async () => {
  h = await startHelpdeskHarness();
  crisis = await declareCrisis(h, ALICE, 'Double charges at checkout');
  tag = `crisis-${crisis.id}`;
});

afterEach(async () => {
  await h.close();
});

const NATIVE = [
  ['zendesk', 'zendesk-ticket-created.json'],
  ['intercom', 'intercom-conversation-user-created.json'],
  ['freshdesk', 'freshdesk-ticket-created.json'],
  ['gorgias', 'gorgias-ticket-created.json'],
] as const;

describe('each desk, natively', () => {
  it.each(NATIVE)('%s: its own payload, signed its own way, counts for the crisis', async (desk, file) => {
    const answer = await postDesk(h, desk, fixture(file, tag));
    expect(answer).toMatchObject({ status: 200, json: { ok: true } });
    expect(recorded(h)).toEqual({ events: 1, tickets: 1, counted: 1 });
    await settle(h);
    expect(blockText(cardOf(h, crisis), 'card_helpdesk')).toContain('*1 ticket* tagged (1 in the last hour)');
  });

  it('the card counts the four desks together, and shows the tag to use', async () => {
    for (const [desk, file] of NATIVE) expect((await postDesk(h, desk, fixture(file, tag))).status).toBe(200);
    await settle(h);
    const text = blockText(cardOf(h, crisis), 'card_helpdesk') ?? '';
    expect(text).toContain(`Tag tickets \`${tag}\``);
    expect(text).toContain('*4 tickets* tagged (4 in the last hour)');
    expect(text).toMatch(/\d+ % negative in the last hour/);
  });

  it('a ticket without the crisis tag is taken (200) and counts for no crisis', async () => {
    expect((await postDesk(h, 'zendesk', fixture('zendesk-ticket-created.json', 'some-other-tag'))).status).toBe(200);
    expect(recorded(h)).toEqual({ events: 1, tickets: 1, counted: 0 });
  });

  it('an event that is not about a ticket, and Intercom\'s ping, answer 200 and record nothing', async () => {
    expect(await postDesk(h, 'zendesk', fixture('zendesk-user-active-changed.json', tag))).toMatchObject({ status: 200, json: { ok: true, ignored: expect.any(String) } });
    expect(await postDesk(h, 'intercom', fixture('intercom-ping.json', tag))).toMatchObject({ status: 200, json: { ok: true, ignored: expect.stringContaining('ping') } });
    expect(recorded(h)).toEqual({ events: 0, tickets: 0, counted: 0 });
  });
});

describe('refused, recording nothing', () => {
  const body = (): string => fixture('zendesk-ticket-created.json', tag);

  it('a Zendesk signature made with another secret: 401 naming the header', async () => {
    const answer = await postDesk(h, 'zendesk', body(), { secret: 'another-secret-entirely-0000' });
    expect(answer).toMatchObject({ status: 401, json: { ok: false, error: expect.stringContaining('X-Zendesk-Webhook-Signature does not match') } });
    expect(recorded(h).events).toBe(0);
  });

  it('a Zendesk body changed after signing: 401', async () => {
    const signed = body();
    const answer = await postDesk(h, 'zendesk', signed.replace('HIGH', 'LOW'), { headers: deskHeaders(h, 'zendesk', signed) });
    expect(answer.status).toBe(401);
    expect(recorded(h).events).toBe(0);
  });

  it('a stale Zendesk timestamp (6 minutes old), correctly signed: 401; 4 minutes old is taken', async () => {
    const old = new Date(h.clock.now().getTime() - 6 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const answer = await postDesk(h, 'zendesk', body(), { timestamp: old });
    expect(answer).toMatchObject({ status: 401, json: { ok: false, error: expect.stringContaining('seconds from now') } });
    expect(recorded(h).events).toBe(0);
    const recent = new Date(h.clock.now().getTime() - 4 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect((await postDesk(h, 'zendesk', body(), { timestamp: recent })).status).toBe(200);
    expect(recorded(h).events).toBe(1);
  });

  it('no Zendesk signature: 401 "missing"', async () => {
    const answer = await postDesk(h, 'zendesk', body(), { headers: { 'X-Zendesk-Webhook-Signature': null } });
    expect(answer).toMatchObject({ status: 401, json: { error: expect.stringContaining('missing X-Zendesk-Webhook-Signature') } });
    expect(recorded(h).events).toBe(0);
  });

  it('an Intercom signature with another secret: 401', async () => {
    const answer = await postDesk(h, 'intercom', fixture('intercom-conversation-user-created.json', tag), { secret: 'not-the-client-secret-000' });
    expect(answer).toMatchObject({ status: 401, json: { error: expect.stringContaining('X-Hub-Signature') } });
    expect(recorded(h).events).toBe(0);
  });

  it.each(['freshdesk', 'gorgias'] as const)('%s: a wrong token and no token: 401', async (desk) => {
    const file = desk === 'freshdesk' ? 'freshdesk-ticket-created.json' : 'gorgias-ticket-created.json';
    expect(await postDesk(h, desk, fixture(file, tag), { secret: 'wrong-token-0123456789abcdef' })).toMatchObject({ status: 401, json: { error: expect.stringContaining('X-Crisis-Token does not match') } });
    expect(await postDesk(h, desk, fixture(file, tag), { headers: { 'X-Crisis-Token': null } })).toMatchObject({ status: 401, json: { error: 'missing X-Crisis-Token' } });
    expect(recorded(h).events).toBe(0);
  });

  it('a replay (the same signed event again) answers 200 and counts once', async () => {
    const first = body();
    expect(await postDesk(h, 'zendesk', first)).toMatchObject({ status: 200, json: { ok: true } });
    expect(await postDesk(h, 'zendesk', first)).toMatchObject({ status: 200, json: { ok: true, duplicate: true } });
    // An update of the same ticket is a new event but the same ticket: still one ticket counted.
    const update = fixture('zendesk-ticket-tags-changed.json', tag).replace(/5160/g, '5158');
    expect((await postDesk(h, 'zendesk', update)).status).toBe(200);
    expect(recorded(h)).toEqual({ events: 2, tickets: 1, counted: 1 });
  });

  it('a body that is not JSON: 400 with why', async () => {
    expect(await postDesk(h, 'zendesk', '{"type": ')).toMatchObject({ status: 400, json: { ok: false, error: 'the body is not valid JSON' } });
    expect(await postDesk(h, 'freshdesk', '')).toMatchObject({ status: 400, json: { ok: false, error: expect.stringContaining('empty') } });
    expect(recorded(h).events).toBe(0);
  });

  it('a body of the wrong shape: 400 naming the field', async () => {
    const answer = await postDesk(h, 'gorgias', JSON.stringify({ event: 'ticket-created', subject: 'x' }));
    expect(answer).toMatchObject({ status: 400, json: { ok: false, error: expect.stringContaining('ticket_id') } });
    expect(recorded(h).events).toBe(0);
  });

  it('/metrics counts each desk\'s answers', async () => {
    expect((await postDesk(h, 'zendesk', body())).status).toBe(200);
    expect((await postDesk(h, 'gorgias', fixture('gorgias-ticket-created.json', tag), { secret: 'wrong-token-0123456789abcdef' })).status).toBe(401);
    const text = await (await fetch(`http://127.0.0.1:${h.bot.port}/metrics`)).text();
    expect(text).toContain('crisis_bot_helpdesk_requests_total{desk="zendesk",status="200"} 1');
    expect(text).toContain('crisis_bot_helpdesk_requests_total{desk="gorgias",status="401"} 1');
  });

  it('413 for a body over 64 KiB', async () => {
    const big = JSON.stringify({ ticket_id: '1', subject: 'x'.repeat(70 * 1024) });
    expect((await postDesk(h, 'freshdesk', big)).status).toBe(413);
    expect(recorded(h).events).toBe(0);
  });
});

describe('a desk whose secret is unset', () => {
  it('answers 404 while the others work', async () => {
    const only = await startHelpdeskHarness({ env: { ...helpdeskEnv({ zendesk: SECRETS.zendesk, intercom: '', freshdesk: '', gorgias: '' }) } });
    try {
      const c = await declareCrisis(only, ALICE, 'Only Zendesk');
      const t = `crisis-${c.id}`;
      for (const desk of ['intercom', 'freshdesk', 'gorgias'] as const) {
        const file = NATIVE.find(([d]) => d === desk)?.[1] ?? '';
        expect(await postDesk(only, desk, fixture(file, t))).toMatchObject({ status: 404, json: { ok: false, error: 'not_found' } });
      }
      expect((await postDesk(only, 'zendesk', fixture('zendesk-ticket-created.json', t))).status).toBe(200);
      expect(recorded(only).events).toBe(1);
    } finally {
      await only.close();
    }
  });
});

describe('the crisis tag and keywords', () => {
  it('/crisis tag sets the tag that counts; the old tag no longer does', async () => {
    const reply = await crisisCommand(h, ALICE, crisis.channelId, 'tag double-charge');
    expect(reply.text).toContain('`double-charge` now count');
    await settle(h);
    expect(blockText(cardOf(h, crisis), 'card_helpdesk')).toContain('`double-charge`');
    expect((await postDesk(h, 'zendesk', fixture('zendesk-ticket-created.json', tag))).status).toBe(200);
    expect(recorded(h).counted).toBe(0);
    expect((await postDesk(h, 'gorgias', fixture('gorgias-ticket-created.json', 'double-charge'))).status).toBe(200);
    expect(recorded(h).counted).toBe(1);
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'tag')).text).toContain('`double-charge`');
  });

  it('the FAQ message for support reps names the tag, and follows it when it changes', async () => {
    await crisisCommand(h, ALICE, crisis.channelId, 'remedy Full refund of the duplicate charge');
    await settle(h);
    const faq = (): string => readable(faqMessages(h, crisis)[0]?.blocks ?? []);
    expect(faq()).toContain(`Tag its tickets \`${tag}\` in the help desk`);
    await crisisCommand(h, ALICE, crisis.channelId, 'tag double-charge');
    await settle(h);
    expect(faqMessages(h, crisis)).toHaveLength(1);
    expect(faq()).toContain('Tag its tickets `double-charge` in the help desk');
  });

  it('/crisis tag refuses a tag with a comma, and a tag another open crisis counts by', async () => {
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'tag a,b')).text).toContain('comma');
    const other = await declareCrisis(h, ALICE, 'Another one');
    expect((await crisisCommand(h, ALICE, other.channelId, `tag ${tag}`)).text).toContain('Another open crisis already counts');
    expect(h.bot.store.helpdesk.watch(other.id).tag).toBe(`crisis-${other.id}`);
  });

  it('/crisis keywords counts a ticket whose subject holds one as "probably related", apart', async () => {
    const reply = await crisisCommand(h, ALICE, crisis.channelId, 'keywords charged twice, refund');
    expect(reply.text).toContain('`charged twice`');
    // The Zendesk fixture's subject is "Charged twice for my order"; without the tag it is only probably related.
    expect((await postDesk(h, 'zendesk', fixture('zendesk-ticket-created.json', 'billing-only'))).status).toBe(200);
    await settle(h);
    const card = blockText(cardOf(h, crisis), 'card_helpdesk') ?? '';
    expect(card).toContain('Probably related');
    expect(card).toContain('1 ticket (1 in the last hour)');
    expect(h.bot.store.helpdesk.counts(crisis.id, '2000-01-01T00:00:00Z')).toEqual({ tag: { total: 0, lastHour: 0 }, keyword: { total: 1, lastHour: 1 } });
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'keywords x')).text).toContain('too short');
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'keywords clear')).text).toContain('cleared');
  });
});

describe('tickets as volume samples', () => {
  it('each period over becomes a sample named after the desk, shown on the card', async () => {
    expect((await postDesk(h, 'zendesk', fixture('zendesk-ticket-created.json', tag))).status).toBe(200);
    expect((await postDesk(h, 'gorgias', fixture('gorgias-ticket-created.json', tag))).status).toBe(200);
    // 10:12 and 10:21 fall in 10:00–10:15 and 10:15–10:30; both are written once 10:31 has passed.
    h.clock.set(new Date('2026-12-07T10:31:30Z'));
    await h.bot.services.tickers.helpdeskPeriods?.tick();
    await h.bot.services.tickers.helpdeskPeriods?.tick();
    await settle(h);
    const samples = h.bot.store.volume.list(crisis.id).map((s) => [s.source, s.sampledAt, s.count]);
    expect(samples).toEqual(
      expect.arrayContaining([
        ['Zendesk tickets', '2026-12-07T10:15:00.000Z', 1],
        ['Zendesk tickets', '2026-12-07T10:30:00.000Z', 0],
        ['Gorgias tickets', '2026-12-07T10:30:00.000Z', 1],
      ]),
    );
    expect(samples).toHaveLength(3);
    expect(blockText(cardOf(h, crisis), 'card_volume')).toContain('tickets)');
  });
});

describe('the early warning in Slack', () => {
  it('is posted in the watch channel (CRISIS_ANNOUNCE_CHANNEL by default), and its Declare button opens the declare form prefilled', async () => {
    const now = Date.parse(HELPDESK_T0);
    const service = h.bot.services.helpdesk.service;
    let n = 0;
    const add = (atMs: number): void => {
      n += 1;
      service.record({ desk: 'zendesk', kind: 'created', eventId: `w-${n}`, ticketId: `w-${n}`, occurredAt: new Date(atMs).toISOString(), timeFrom: 'desk', ticketCreatedAt: new Date(atMs).toISOString(), subject: 'Order question', firstMessage: 'Hello', tags: ['lost-parcel'], channel: 'email' });
    };
    for (let day = 1; day <= 7; day += 1) for (let i = 0; i < 3; i += 1) add(now - day * 86_400_000 - (10 + i) * 60_000);
    for (let i = 0; i < 24; i += 1) add(now - (2 + i) * 60_000);
    expect(await h.bot.services.tickers.earlyWarnings?.tick()).toEqual({ warnings: 1 });
    await settle(h);
    const warning = h.emu.messages(ANNOUNCE).find((m) => m.text.startsWith('Early warning'));
    if (!warning) throw new Error('no early warning posted');
    expect(readable(warning.blocks)).toContain('24 tickets tagged `lost-parcel` in the last hour, against a median of 3');
    // Again, and after a restart: nothing more.
    expect(await h.bot.services.tickers.earlyWarnings?.tick()).toEqual({ warnings: 0 });
    await h.restartBot();
    expect(await h.bot.services.tickers.earlyWarnings?.tick()).toEqual({ warnings: 0 });
    await settle(h);
    expect(h.emu.messages(ANNOUNCE).filter((m) => m.text.startsWith('Early warning'))).toHaveLength(1);

    await h.driver.clickButton({ userId: ALICE, actionId: 'early_warning_declare', channelId: ANNOUNCE, messageTs: warning.ts });
    const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.user === ALICE && v.open && v.payload.callback_id === 'declare_modal'));
    const text = JSON.stringify(modal.payload.blocks);
    expect(text).toContain('"initial_value":"Rise in tickets tagged lost-parcel"');
    // `lost-parcel` is the shipping playbook's keyword `lost parcel`: the form opens as a shipping delay.
    expect(text).toMatch(/"initial_option":\{[^}]*"text":"Shipping delay"/);
  });
});

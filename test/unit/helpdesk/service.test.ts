/**
 * The help-desk service over a real store: tickets counted by tag and by keyword (apart, once per
 * ticket, a keyword match later tagged moved to the tag), period samples written once through the
 * volume service (a quiet period is a 0, a restart writes nothing twice), the card's negative
 * share and its trend, the debrief's chart line and the statement after which the share moved,
 * and the early warning (fires once on a 4× rise, not on a small one, not for a tag an open crisis
 * counts, not twice after a restart).
 */
import type { ChartSpec, TimeSeriesChart } from '../../../src/core/chart-spec';
import type { Crisis } from '../../../src/core/crisis';
import { volumeChartAttachment } from '../../../src/features/customer/customer-debrief';
import type { Helpdesk } from '../../../src/features/helpdesk/desks';
import { EARLY_WARNING_RULE } from '../../../src/features/helpdesk/early-warning';
import { playbookKeywords } from '../../../src/features/helpdesk';
import { helpdeskDebrief, renderHelpdeskMarkdown } from '../../../src/features/helpdesk/debrief';
import { helpdeskFacts } from '../../../src/features/helpdesk/service';
import { EarlyWarningTicker, HelpdeskPeriodsTicker, type EarlyWarningPost } from '../../../src/features/helpdesk/tickers';
import type { TicketEvent } from '../../../src/features/helpdesk/ticket-event';
import { startServicesOn, type Fixture } from '../services-fixture';
import type { Db } from '../../../src/store/database';
import type { PostgresSyncDatabase } from '../../../src/store/sql/postgres-sync';
import { sqlEngines } from '../../helpers/postgres';
import { useTestStore } from '../../helpers/test-store';

let f: Fixture<Db | PostgresSyncDatabase>;
let crisis: Crisis;
let seq = 0;

const ANGRY = 'This is terrible, I am furious and disappointed, awful service';
const CALM = 'Thanks, great help, all good now';

function ticket(id: string, options: { desk?: Helpdesk; tags?: string[]; subject?: string; message?: string; at?: string; kind?: 'created' | 'updated' } = {}): TicketEvent {
  seq += 1;
  const at = options.at ?? f.clock.now().toISOString();
  return {
    desk: options.desk ?? 'zendesk',
    kind: options.kind ?? 'created',
    eventId: `evt-${seq}`,
    ticketId: id,
    occurredAt: at,
    timeFrom: 'desk',
    ticketCreatedAt: options.kind === 'updated' ? null : at,
    subject: options.subject ?? 'Order question',
    firstMessage: options.message ?? 'Hello',
    tags: options.tags ?? [],
    channel: 'email',
  };
}

function record(event: TicketEvent): ReturnType<Fixture['services']['helpdesk']['service']['record']> {
  return f.services.helpdesk.service.record(event);
}

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(async () => {
    f = startServicesOn(testStore());
    crisis = await f.declare('Double charges');
  });


  describe('counting', () => {
    it('a ticket with the crisis tag counts once, however many events it gets; another tag counts nothing', () => {
      const tag = `crisis-${crisis.id}`;
      expect(record(ticket('1', { tags: ['billing', tag.toUpperCase()] }))).toMatchObject({ status: 'recorded', crisisIds: [crisis.id] });
      expect(record(ticket('1', { tags: [tag], kind: 'updated' }))).toMatchObject({ status: 'recorded', crisisIds: [] });
      expect(record(ticket('2', { tags: ['other'] }))).toMatchObject({ status: 'recorded', crisisIds: [] });
      expect(f.store.helpdesk.counts(crisis.id, '')).toEqual({ tag: { total: 1, lastHour: 1 }, keyword: { total: 0, lastHour: 0 } });
    });

    it('the same event twice is a duplicate and changes nothing', () => {
      const event = ticket('1', { tags: [`crisis-${crisis.id}`] });
      expect(record(event).status).toBe('recorded');
      expect(record(event)).toEqual({ status: 'duplicate' });
      expect(f.store.helpdesk.counts(crisis.id, '').tag.total).toBe(1);
    });

    it('keywords count "probably related" apart; the ticket tagged later moves to the tag, never counted twice', async () => {
      const set = await f.services.helpdesk.service.setKeywords(crisis, 'U0LEAD', 'charged twice, refund');
      expect(set.result).toMatchObject({ ok: true, keywords: ['charged twice', 'refund'], changed: true });
      record(ticket('7', { subject: 'I was CHARGED  twice!' }));
      record(ticket('8', { subject: 'Refunded already' })); // whole words only: "refunded" is not "refund"
      expect(f.store.helpdesk.counts(crisis.id, '')).toEqual({ tag: { total: 0, lastHour: 0 }, keyword: { total: 1, lastHour: 1 } });
      record(ticket('7', { tags: [`crisis-${crisis.id}`], kind: 'updated', subject: 'I was charged twice!' }));
      expect(f.store.helpdesk.counts(crisis.id, '')).toEqual({ tag: { total: 1, lastHour: 1 }, keyword: { total: 0, lastHour: 0 } });
    });

    it('/crisis tag refuses a tag another open crisis counts by, and a bad one; the new tag counts', async () => {
      const other = await f.declare('Other');
      expect((await f.services.helpdesk.service.setTag(other, 'U0LEAD', `crisis-${crisis.id}`)).result).toMatchObject({ ok: false, problem: { code: 'tag_taken', crisisId: crisis.id } });
      expect((await f.services.helpdesk.service.setTag(other, 'U0LEAD', ' , ')).result).toMatchObject({ ok: false });
      expect((await f.services.helpdesk.service.setTag(other, 'U0LEAD', 'Late-Delivery')).result).toMatchObject({ ok: true, tag: 'late-delivery', changed: true });
      record(ticket('9', { tags: ['late-delivery'] }));
      expect(f.store.helpdesk.counts(other.id, '').tag.total).toBe(1);
      expect(f.store.helpdesk.counts(crisis.id, '').tag.total).toBe(0);
    });
  });

  describe('period samples', () => {
    it('each closed period becomes one sample per desk; a quiet one is a 0; ticks again (or after a restart) write nothing twice', async () => {
      const tag = `crisis-${crisis.id}`;
      // START is 09:00: two tickets in 09:00–09:15, none in 09:15–09:30, one in 09:30–09:45.
      record(ticket('1', { tags: [tag], at: '2026-11-26T09:02:00.000Z' }));
      record(ticket('2', { tags: [tag], at: '2026-11-26T09:14:59.000Z' }));
      record(ticket('3', { tags: [tag], at: '2026-11-26T09:31:00.000Z' }));
      f.clock.set('2026-11-26T09:46:00.000Z');
      expect(await f.services.helpdesk.periods.tick()).toEqual({ samples: 3 });
      expect(await f.services.helpdesk.periods.tick()).toEqual({ samples: 0 });
      // A restart: a new ticker over the same store.
      const again = new HelpdeskPeriodsTicker(f.services.deps, f.store.helpdesk, f.services.customer.volume, 15 * 60_000);
      expect(await again.tick()).toEqual({ samples: 0 });
      expect(f.store.volume.list(crisis.id).map((s) => [s.source, s.sampledAt, s.count])).toEqual([
        ['Zendesk tickets', '2026-11-26T09:15:00.000Z', 2],
        ['Zendesk tickets', '2026-11-26T09:30:00.000Z', 0],
        ['Zendesk tickets', '2026-11-26T09:45:00.000Z', 1],
      ]);
    });

    it('samples start no earlier than a day before the declaration: an old ticket tagged now counts in the totals only', async () => {
      record(ticket('old', { tags: [`crisis-${crisis.id}`], at: '2026-11-20T09:00:00.000Z' }));
      f.clock.set('2026-11-26T09:01:00.000Z');
      await f.services.helpdesk.periods.tick();
      const samples = f.store.volume.list(crisis.id);
      expect(samples[0]?.sampledAt).toBe('2026-11-25T09:15:00.000Z');
      expect(samples.every((s) => s.count === 0)).toBe(true);
      expect(f.store.helpdesk.counts(crisis.id, '').tag.total).toBe(1);
    });

    it('a period is not written until a minute after it ends', async () => {
      record(ticket('1', { tags: [`crisis-${crisis.id}`], at: '2026-11-26T09:02:00.000Z' }));
      f.clock.set('2026-11-26T09:15:30.000Z');
      expect(await f.services.helpdesk.periods.tick()).toEqual({ samples: 0 });
      f.clock.set('2026-11-26T09:16:00.000Z');
      expect(await f.services.helpdesk.periods.tick()).toEqual({ samples: 1 });
    });
  });

  describe('negative share', () => {
    it('the card has the last hour\'s share and its trend against the hour before', () => {
      const tag = `crisis-${crisis.id}`;
      // 08:00–09:00 (the hour before 09:00): 5 calm; the last hour: 4 angry of 5.
      for (let i = 0; i < 5; i += 1) record(ticket(`a${i}`, { tags: [tag], message: CALM, at: `2026-11-26T08:1${i}:00.000Z` }));
      for (let i = 0; i < 5; i += 1) record(ticket(`b${i}`, { tags: [tag], message: i < 4 ? ANGRY : CALM, at: `2026-11-26T08:3${i}:00.000Z` }));
      f.clock.set('2026-11-26T09:20:00.000Z');
      const facts = helpdeskFacts(f.store.helpdesk, crisis.id, f.clock.now());
      expect(facts.negative.lastHour).toMatchObject({ total: 5, negative: 4, share: 0.8 });
      expect(facts.negative.hourBefore).toMatchObject({ total: 5, negative: 0 });
      expect(facts.negative.trend).toBe('up');
      expect(f.services.snapshot(crisis).helpdesk?.negative.lastHour.share).toBe(0.8);
    });

    it('the debrief chart draws the share beside volume, and the report names the statement after which it fell most', async () => {
      const tag = `crisis-${crisis.id}`;
      const specs: ChartSpec[] = [];
      f.services.deps.customer = { ...f.services.deps.customer, notifier: f.services.deps.customer?.notifier as never, chart: { renderPng: async (spec) => (specs.push(spec), Buffer.from('png')) } };
      // The hour before S1 (09:00): angry; the hour after: calm.
      for (let i = 0; i < 6; i += 1) record(ticket(`x${i}`, { tags: [tag], message: ANGRY, at: `2026-11-26T08:${10 + i * 5}:00.000Z` }));
      for (let i = 0; i < 6; i += 1) record(ticket(`y${i}`, { tags: [tag], message: CALM, at: `2026-11-26T09:${10 + i * 5}:00.000Z` }));
      f.clock.set('2026-11-26T10:20:00.000Z');
      await f.services.helpdesk.periods.tick();
      const d = helpdeskDebrief(f.store.helpdesk, crisis.id, [{ number: 1, publishedAt: '2026-11-26T09:00:00.000Z' }]);
      expect(d?.fellMost).toMatchObject({ statementId: 'S1', before: { total: 6, share: 1 }, after: { total: 6, share: 0 } });
      const md = renderHelpdeskMarkdown(d, (iso) => iso).join('\n');
      expect(md).toContain('Negative share fell most: after S1');
      expect(md).toContain('from 100 % of 6 tickets in the hour before to 0 % of 6 in the hour after');

      expect(await volumeChartAttachment(f.services.deps, f.store.crises.get(crisis.id))).not.toBeNull();
      const spec = specs[0] as TimeSeriesChart;
      expect(spec.series.map((s) => s.label)).toContain('Zendesk tickets');
      expect(spec.shareSeries?.label).toBe('negative help-desk tickets, %');
      expect(spec.shareSeries?.points.map((p) => p.value)).toEqual(expect.arrayContaining([100, 0]));
    });
  });

  describe('early warning', () => {
    const NOW = '2026-12-07T12:00:00.000Z';
    const posts: EarlyWarningPost[] = [];
    const poster = { postEarlyWarning: async (channelId: string, post: EarlyWarningPost) => (posts.push(post), { channelId, ts: `1.${posts.length}` }) };

    function ticker(): EarlyWarningTicker {
      return new EarlyWarningTicker(f.services.deps, f.store.helpdesk, poster, { channelId: 'C0WATCH', rule: EARLY_WARNING_RULE, playbooks: playbookKeywords(f.services.deps) });
    }

    /** `perDay` tickets tagged `tag` at this hour on each of the 7 days before, and `lastHour` in the last hour. */
    function history(tag: string, perDay: number, lastHour: number, subject = 'Order question'): void {
      const now = Date.parse(NOW);
      for (let day = 1; day <= 7; day += 1) {
        for (let i = 0; i < perDay; i += 1) record(ticket(`${tag}-d${day}-${i}`, { tags: [tag], subject, at: new Date(now - day * 86_400_000 - (10 + i) * 60_000).toISOString() }));
      }
      for (let i = 0; i < lastHour; i += 1) record(ticket(`${tag}-now-${i}`, { tags: [tag], subject, at: new Date(now - (5 + (i % 50)) * 60_000).toISOString() }));
    }

    beforeEach(() => {
      posts.length = 0;
      f.clock.set(NOW);
    });

    it('fires once on a 4× rise (20 against a median of 5), with the Declare button\'s playbook type', async () => {
      history('late-delivery', 5, 20, 'Where is my order, late delivery again');
      // The tag rose, and so did the two playbook keywords its subjects hold: one warning each.
      expect(await ticker().tick()).toEqual({ warnings: 3 });
      expect(posts.map((p) => p.warning.key).sort()).toEqual(['kw:late delivery', 'kw:where is my order', 'tag:late-delivery']);
      const tagPost = posts.find((p) => p.warning.key === 'tag:late-delivery');
      expect(tagPost).toMatchObject({ warning: { lastHour: 20, median: 5 }, type: 'shipping', typeLabel: 'Shipping delay' });
      expect(tagPost?.commonKeywords.map((k) => k.keyword)).toEqual(['late delivery', 'where is my order']);
      const stored = f.store.helpdesk.warning(tagPost?.warningId ?? 0);
      expect(stored).toMatchObject({ key: 'tag:late-delivery', type: 'shipping', channelId: 'C0WATCH' });
      f.clock.set('2026-12-07T12:05:00.000Z');
      expect(await ticker().tick()).toEqual({ warnings: 0 });
    });

    it('not on a small rise (15 against 5), nor under the minimum however steep', async () => {
      history('billing', 5, 15);
      history('rare', 0, 19);
      expect(await ticker().tick()).toEqual({ warnings: 0 });
      expect(posts).toEqual([]);
    });

    it('not for the tag an open crisis counts', async () => {
      await f.services.helpdesk.service.setTag(crisis, 'U0LEAD', 'late-delivery');
      history('late-delivery', 5, 40);
      expect(await ticker().tick()).toEqual({ warnings: 0 });
    });

    it('not twice after a restart: the claim is in the database, for 6 hours', async () => {
      history('late-delivery', 5, 20);
      expect(await ticker().tick()).toEqual({ warnings: 1 });
      // A new ticker is what a restart builds; the rise is still there an hour later.
      f.clock.set('2026-12-07T12:30:00.000Z');
      for (let i = 0; i < 30; i += 1) record(ticket(`more-${i}`, { tags: ['late-delivery'], at: new Date(Date.parse('2026-12-07T12:29:00.000Z') - i * 30_000).toISOString() }));
      expect(await ticker().tick()).toEqual({ warnings: 0 });
      expect(posts).toHaveLength(1);
    });

    it('posts nothing without a watch channel', async () => {
      history('late-delivery', 5, 20);
      const quiet = new EarlyWarningTicker(f.services.deps, f.store.helpdesk, poster, { channelId: undefined, rule: EARLY_WARNING_RULE, playbooks: [] });
      expect(await quiet.tick()).toEqual({ warnings: 0 });
    });
  });
});

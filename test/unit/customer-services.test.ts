/**
 * The customer-side services over a real in-memory store with recorded outside calls: the FAQ
 * started once from the playbook (through the seed port), one FAQ message however approvals race,
 * the impact's first version kept, the rise rule per source and for late samples, and the debrief
 * with and without a chart.
 */
import type { Crisis } from '../../src/core/crisis';
import type { DebriefReport } from '../../src/features/record/debrief';
import type { CrisisSnapshot } from '../../src/core/ports';
import type { DebriefAttachment } from '../../src/core/debrief-attachment';
import { fakeCustomerPorts } from '../helpers/fake-customer-ports';
import { LEAD, MEMBER, rejection, startServices, startServicesOn, type Fixture } from './services-fixture';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import { sqlEngines } from '../helpers/postgres';
import { useTestStore } from '../helpers/test-store';
import { mrkdwn } from '../../src/slack/views/words';

const SEEDS = {
  other: [
    { question: 'Is my data safe?', answer: 'Yes: no personal data was affected.' },
    { question: 'Will I be refunded?', answer: 'Yes, automatically within 5 days.' },
  ],
};

let f: Fixture<Db | PostgresSyncDatabase>;
let ports: ReturnType<typeof fakeCustomerPorts>;
let crisis: Crisis;

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(async () => {
    ports = fakeCustomerPorts(SEEDS);
    f = startServicesOn(testStore(), {}, undefined, ports);
    crisis = await f.declare();
  });

  afterEach(() => {
    f.close();
  });

  function advance(minutes: number): void {
    f.clock.advanceMinutes(minutes);
  }

  describe('the FAQ starts from the playbook', () => {
    it('once, with the crisis type\'s entries approved, posted as the FAQ message when first opened', async () => {
      const { document, publish } = f.services.customer.faq.open(crisis);
      expect(ports.faqSeeds.askedFor).toEqual(['other']);
      expect(document.approved.map((e) => [e.number, e.question, e.origin, e.approvedBy])).toEqual([
        [1, 'Is my data safe?', 'playbook', null],
        [2, 'Will I be refunded?', 'playbook', null],
      ]);
      expect(publish).not.toBeNull();
      await publish?.();
      expect(ports.notifier.faqPosts).toHaveLength(1);
      expect(f.store.timeline.list(crisis.id).filter((e) => e.kind === 'faq_started').map((e) => e.text)).toEqual(['FAQ started from the playbook: 2 answers']);

      expect(f.services.customer.faq.open(crisis).publish).toBeNull();
      await f.services.customer.faq.propose(crisis, MEMBER, 'Can I cancel?', 'Yes.');
      expect(f.store.faq.list(crisis.id).map((e) => e.number)).toEqual([1, 2, 3]);
      expect(ports.faqSeeds.askedFor).toEqual(['other']);
    });

    it('a playbook entry the FAQ cannot hold is left out, not a reason to refuse the change', async () => {
      const odd = fakeCustomerPorts({ other: [{ question: 'q'.repeat(400), answer: 'too long a question' }, { question: 'Fine?', answer: 'Yes.' }] });
      const g = startServices({}, undefined, odd);
      try {
        const other = await g.declare('Odd playbook');
        await g.services.customer.faq.propose(other, MEMBER, 'Mine?', 'Mine.');
        expect(g.store.faq.list(other.id).map((e) => [e.number, e.question, e.origin])).toEqual([
          [1, 'Fine?', 'playbook'],
          [2, 'Mine?', 'proposed'],
        ]);
      } finally {
        g.close();
      }
    });

    it('a proposal or a remedy starts it too, and publishes the seeded FAQ', async () => {
      await f.services.customer.remedies.add(crisis, MEMBER, 'Voucher');
      expect(f.store.faq.list(crisis.id)).toHaveLength(2);
      expect(ports.notifier.faqPosts).toHaveLength(1);
      expect(ports.notifier.faqPosts[0]?.remedies.map((r) => r.text)).toEqual(['Voucher']);
    });

    it('with no seed source the FAQ starts empty and nothing is posted until there is something to show', async () => {
      const bare = startServices({}, undefined, { notifier: ports.notifier });
      try {
        const other = await bare.declare('Other crisis');
        expect(bare.services.customer.faq.open(other)).toMatchObject({ document: { approved: [] }, publish: null });
        await bare.services.customer.faq.propose(other, MEMBER, 'Q?', 'A.');
        expect(ports.notifier.faqPosts).toHaveLength(0);
      } finally {
        bare.close();
      }
    });
  });

  describe('one FAQ message', () => {
    it('two approvals at once post it once and edit it once', async () => {
      await f.services.customer.faq.propose(crisis, MEMBER, 'Q1?', 'A1.');
      await f.services.customer.faq.propose(crisis, MEMBER, 'Q2?', 'A2.');
      ports.notifier.postDelayMs = 20;
      const before = ports.notifier.faqPosts.length;
      await Promise.all([f.services.customer.faq.approve(crisis, LEAD, 3), f.services.customer.faq.approve(crisis, LEAD, 4)]);
      // The seeded FAQ was posted by the first proposal; both approvals only edit it.
      expect(before).toBe(1);
      expect(ports.notifier.faqPosts).toHaveLength(1);
      expect(ports.notifier.faqUpdates.map((u) => u.ts)).toEqual(['9.000001', '9.000001']);
      expect(ports.notifier.faqUpdates.at(-1)?.doc.approved.map((e) => e.number)).toEqual([1, 2, 3, 4]);
    });

    it('two first changes at once still post one message', async () => {
      const bare = startServices({}, undefined, { notifier: ports.notifier });
      try {
        const other = await bare.declare('Race');
        await bare.services.customer.faq.propose(other, MEMBER, 'Q1?', 'A1.');
        ports.notifier.postDelayMs = 20;
        await Promise.all([bare.services.customer.faq.approve(other, LEAD, 1), bare.services.customer.remedies.add(other, MEMBER, 'Voucher')]);
        expect(ports.notifier.faqPosts).toHaveLength(1);
        expect(ports.notifier.faqUpdates).toHaveLength(1);
        expect(bare.store.faq.message(other.id)?.ts).toBe('9.000001');
      } finally {
        bare.close();
      }
    });

    it('a refused approval posts and edits nothing', async () => {
      await f.services.customer.faq.propose(crisis, LEAD, 'Q?', 'A.');
      await f.services.roles.assign(crisis, LEAD, 'U0LEGAL', 'legal');
      const posts = ports.notifier.faqPosts.length;
      const err = await rejection(f.services.customer.faq.approve(crisis, LEAD, 3));
      expect(err.code).toBe('forbidden');
      expect(mrkdwn(err.message)).toContain('<@U0LEGAL>');
      expect(ports.notifier.faqPosts).toHaveLength(posts);
      expect(ports.notifier.faqUpdates).toHaveLength(0);
      expect(f.store.faq.byNumber(crisis.id, 3)?.state).toBe('proposed');
    });
  });

  describe('impact', () => {
    it('the declaration\'s impact is kept as the first version when it is first changed', async () => {
      const declared = (await f.services.declare.declare({ teamId: 'T1', userId: LEAD, title: 'With impact', severity: 'sev2', customerImpact: 'Some EU payments fail' })).crisis;
      advance(10);
      await f.services.customer.impact.setImpact(declared, MEMBER, 'All EU payments fail', 'command');
      expect(f.store.impact.list(declared.id).map((v) => [v.impact, v.changedBy, v.via, v.changedAt])).toEqual([
        ['Some EU payments fail', LEAD, 'declared', declared.declaredAt],
        ['All EU payments fail', MEMBER, 'command', f.clock.now().toISOString()],
      ]);
      expect(f.store.crises.get(declared.id).customerImpact).toBe('All EU payments fail');
      const card = f.services.snapshot(f.store.crises.get(declared.id)).customer;
      expect(card).toMatchObject({ impactChangedBy: MEMBER, impactVersions: 2 });
    });
  });

  describe('volume', () => {
    function hook(count: number, source = 'zendesk', at?: string): string {
      const outcome = f.services.customer.volume.recordFromWebhook({ channel: crisis.channelId, count, source, ...(at ? { at } : {}) });
      if (outcome.status !== 'recorded') return outcome.status;
      void outcome.followUp();
      return 'recorded';
    }

    it('tells the channel and the lead of a rise, through the follow-up, once', async () => {
      for (const c of [20, 20, 20]) {
        hook(c);
        advance(5);
      }
      const outcome = f.services.customer.volume.recordFromWebhook({ channel: crisis.channelId, count: 50, source: 'zendesk' });
      expect(outcome.status).toBe('recorded');
      if (outcome.status === 'recorded') await outcome.followUp();
      expect(ports.notifier.riseNotices).toEqual([{ count: 50, source: 'zendesk', at: f.clock.now().toISOString(), median: 20, priorSamples: 3 }]);
      expect(ports.notifier.riseDms.map((d) => d.userId)).toEqual([LEAD]);
    });

    it('watches each source apart: another source\'s calm sample does not end a rise', async () => {
      for (const c of [20, 20, 20]) {
        hook(c);
        advance(5);
      }
      hook(60);
      advance(1);
      hook(3, 'twitter');
      advance(1);
      hook(70);
      await new Promise((resolve) => setImmediate(resolve));
      expect(f.store.timeline.list(crisis.id).filter((e) => e.kind === 'volume_rise')).toHaveLength(1);
    });

    it('a late sample (older than the source\'s latest) is kept but judged no rise', async () => {
      for (const c of [20, 20, 20]) {
        hook(c);
        advance(5);
      }
      hook(10);
      hook(500, 'zendesk', new Date(f.clock.now().getTime() - 2 * 60_000).toISOString());
      expect(f.store.volume.list(crisis.id).map((s) => s.count)).toContain(500);
      expect(f.store.timeline.list(crisis.id).filter((e) => e.kind === 'volume_rise')).toHaveLength(0);
    });

    it('takes the hour\'s median over the latest 500 samples of the source at most', () => {
      const at = f.clock.now().toISOString();
      f.store.transaction(() => {
        for (let i = 0; i < 600; i += 1) f.store.volume.add({ crisisId: crisis.id, count: i < 99 ? 1000 : 10, source: 'zendesk', sampledAt: at, recordedAt: at, recordedBy: null, externalId: null });
      });
      const latest = f.store.volume.latestOfSource(crisis.id, 'zendesk');
      if (!latest) throw new Error('no sample');
      const counts = f.store.volume.countsBefore(latest, new Date(f.clock.now().getTime() - 3_600_000).toISOString());
      expect(counts).toHaveLength(500);
      expect(counts.every((c) => c === 10)).toBe(true);
    });

    it('a channel with no crisis, or a resolved one, records nothing', async () => {
      expect(f.services.customer.volume.recordFromWebhook({ channel: 'C0NONE', count: 1, source: 'x' }).status).toBe('no_crisis');
      await f.services.resolve.resolve(crisis, LEAD, 'done');
      expect(hook(5)).toBe('no_crisis');
      expect(f.store.volume.list(crisis.id)).toEqual([]);
    });
  });

  describe('the debrief', () => {
    const posted: Array<{ report: DebriefReport; attachments: DebriefAttachment[] }> = [];
    beforeEach(() => {
      posted.length = 0;
      f.notifier.postDebrief = async (_snapshot: CrisisSnapshot, report: DebriefReport, attachments: DebriefAttachment[] = []) => {
        posted.push({ report, attachments });
      };
    });

    it('uploads the chart drawn from the samples and the timeline, and names it in the report', async () => {
      hook3();
      await f.services.resolve.debrief(crisis, LEAD);
      const [{ report, attachments }] = posted as [(typeof posted)[number]];
      expect(attachments.map((a) => [a.filename, a.contentType, a.title])).toEqual([[`${crisis.channelName}-volume.png`, 'image/png', 'Complaint volume: Checkout down']]);
      expect(report.customer?.chartFileName).toBe(`${crisis.channelName}-volume.png`);
      expect(report.markdown).toContain(`- Chart: \`${crisis.channelName}-volume.png\`, uploaded with this report`);
      const spec = ports.chart.specs[0];
      expect(spec?.type === 'time_series' && spec.series[0]?.points.length).toBe(3);
    });

    it('goes out without a chart when drawing fails, and says so', async () => {
      hook3();
      ports.chart.fail = true;
      await f.services.resolve.debrief(crisis, LEAD);
      expect(posted[0]?.attachments).toEqual([]);
      expect(posted[0]?.report.markdown).toContain('- Chart: not available');
      expect(f.store.timeline.list(crisis.id).some((e) => e.kind === 'debrief_posted')).toBe(true);
    });

    function hook3(): void {
      for (const c of [5, 6, 7]) {
        f.services.customer.volume.recordFromWebhook({ channel: crisis.channelId, count: c, source: 'zendesk' });
        advance(5);
      }
    }
  });
});

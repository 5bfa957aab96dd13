/**
 * The report across crises on a scripted history with known answers: three real crises in the
 * window (one private), a drill and an older crisis that must not count. Real SQL (in-memory
 * SQLite), fake outside ports: a chart renderer, the DM delivery.
 */
import type { Crisis, Severity } from '../../src/core/crisis';
import type { ReportDelivery } from '../../src/core/people-ports';
import { ExternalCallError } from '../../src/core/ports';
import { LEAD, RecordingNotifier, rejection, startServicesOn, type Fixture } from './services-fixture';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import { sqlEngines } from '../helpers/postgres';
import { useTestStore } from '../helpers/test-store';
import { FakePeopleNotifier, TINY_PNG } from '../helpers/people-fakes';
import { mrkdwn } from '../../src/slack/views/words';

const NOW = '2026-03-31T12:00:00.000Z';
const U1 = 'U0OWNER1';
const U2 = 'U0OWNER2';
let f: Fixture<Db | PostgresSyncDatabase>;
let people: FakePeopleNotifier;

function crisis(n: number, o: { title: string; type: string; severity: Severity; declaredAt: string; isPrivate?: boolean; isDrill?: boolean }): Crisis {
  const c = f.store.crises.insert({
    teamId: 'T1',
    channelId: `C${n}`,
    channelName: `crisis-${n}`,
    title: o.title,
    type: o.type,
    severity: o.severity,
    customerImpact: '',
    declaredBy: LEAD,
    declaredAt: o.declaredAt,
    cardTs: null,
    announceChannelId: null,
    announceTs: null,
    isPrivate: o.isPrivate ?? false,
    isDrill: o.isDrill ?? false,
  });
  f.store.roles.insert(c.id, 'lead', LEAD, LEAD, o.declaredAt, []);
  return c;
}

function update(c: Crisis, at: string, dueAt: string | null): void {
  f.store.timeline.append(c.id, { kind: 'update_posted', occurredAt: at, actorId: LEAD, text: 'update', data: { status: 'investigating', due_at: dueAt, next_update_at: null } }, at);
}

/** A published statement and the fate of the promise it made (a pending one is due `pendingDue`). */
function statement(c: Crisis, number: number, at: string, promise: 'pending' | 'kept' | 'broken' | 'ended', pendingDue = '2026-04-30T00:00:00.000Z', approvedAs: string | null = null): void {
  f.db
    .prepare(`INSERT INTO statements (crisis_id, number, text, author_id, created_at, state, published_at, published_by, promise_due_at, promise_state, approved_as)
      VALUES (?, ?, 'We are on it', ?, ?, 'published', ?, ?, ?, ?, ?)`)
    .run(c.id, number, LEAD, at, at, LEAD, promise === 'pending' ? pendingDue : at, promise, approvedAs);
  f.store.timeline.append(c.id, { kind: 'statement', occurredAt: at, actorId: LEAD, text: 'We are on it', data: {} }, at);
}

function resolve(c: Crisis, at: string): void {
  f.store.crises.update(c.id, { status: 'resolved', resolvedAt: at, resolutionSummary: 'done' }, at);
}

function clock(c: Crisis, id: string, dueAt: string, doneAt: string | null): void {
  const stored = f.store.deadlines.insert(c.id, { clockId: id, label: id, source: 'manual', dueAfterMinutes: 60, remindBeforeMinutes: [], startedAt: c.declaredAt, dueAt, createdBy: LEAD, createdAt: c.declaredAt });
  if (doneAt) f.store.deadlines.markDone(stored.id, doneAt, LEAD);
}

let a: Crisis;
let b: Crisis;
let c: Crisis;

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(() => {
    people = new FakePeopleNotifier();
    f = startServicesOn(testStore(), {}, new RecordingNotifier().withNames({ [LEAD]: 'Lena Lead', [U1]: 'Owen One' }));
    f.services.deps.people = { notifier: people, chart: { renderPng: async () => TINY_PNG } };
    f.clock.set(NOW);
    // A: public sev1 outage, first update after 10 min (on time), a late one, a statement after 30 min,
    // resolved after 4 h, its clock met, an open action for U1 and a plan change.
    a = crisis(1, { title: 'Checkout down', type: 'outage', severity: 'sev1', declaredAt: '2026-03-02T09:00:00.000Z' });
    update(a, '2026-03-02T09:10:00.000Z', '2026-03-02T09:30:00.000Z');
    update(a, '2026-03-02T09:50:00.000Z', '2026-03-02T09:40:00.000Z');
    statement(a, 1, '2026-03-02T09:30:00.000Z', 'kept');
    statement(a, 2, '2026-03-02T10:30:00.000Z', 'broken');
    clock(a, 'status', '2026-03-02T10:00:00.000Z', '2026-03-02T09:45:00.000Z');
    f.store.followUps.addAction(a.id, 'Add provider failover', U1, LEAD, '2026-03-02T13:00:00.000Z');
    resolve(a, '2026-03-02T13:00:00.000Z');
    f.store.followUps.addLessons(a.id, { wentWell: '', wentBadly: '', rootCauses: '', planChanges: 'outage.yaml: add a failover drill <@U0OWNER1>' }, LEAD, '2026-03-02T14:00:00.000Z');
    // B: private sev2 recall, first update after 20 min (on time), resolved after a day, its clock missed.
    b = crisis(2, { title: 'Secret Acme breach', type: 'recall', severity: 'sev2', declaredAt: '2026-03-10T10:00:00.000Z', isPrivate: true });
    update(b, '2026-03-10T10:20:00.000Z', '2026-03-10T11:00:00.000Z');
    clock(b, 'regulator', '2026-03-10T12:00:00.000Z', null);
    f.store.followUps.addAction(b.id, 'Call the regulator back', U1, LEAD, '2026-03-10T11:00:00.000Z');
    const done = f.store.followUps.addAction(b.id, 'Tell the insurer', U2, LEAD, '2026-03-10T11:00:00.000Z');
    f.store.followUps.setActionDone(done.id, true, U2, '2026-03-10T12:00:00.000Z');
    resolve(b, '2026-03-11T10:00:00.000Z');
    f.store.followUps.addLessons(b.id, { wentWell: '', wentBadly: '', rootCauses: '', planChanges: 'Secret plan for Acme' }, LEAD, '2026-03-11T11:00:00.000Z');
    // C: public sev2 outage still open: update after 30 min (on time), statement after 60 min, a clock still running.
    c = crisis(3, { title: 'Search slow', type: 'outage', severity: 'sev2', declaredAt: '2026-03-20T08:00:00.000Z' });
    update(c, '2026-03-20T08:30:00.000Z', '2026-03-20T09:00:00.000Z');
    statement(c, 1, '2026-03-20T09:00:00.000Z', 'pending');
    clock(c, 'later', '2026-04-30T08:00:00.000Z', null);
    f.store.followUps.addAction(c.id, 'Write the FAQ', null, LEAD, '2026-03-20T09:00:00.000Z');
    // D: a drill in the window, and E: a crisis older than the window. Neither may count.
    const d = crisis(4, { title: 'Drill kettle', type: 'recall', severity: 'sev1', declaredAt: '2026-03-15T09:00:00.000Z', isDrill: true });
    update(d, '2026-03-15T09:01:00.000Z', '2026-03-15T08:00:00.000Z');
    statement(d, 1, '2026-03-15T09:05:00.000Z', 'broken');
    f.store.followUps.addAction(d.id, 'Drill action', U1, LEAD, '2026-03-15T09:00:00.000Z');
    f.store.followUps.addLessons(d.id, { wentWell: '', wentBadly: '', rootCauses: '', planChanges: 'Drill plan change' }, LEAD, '2026-03-15T10:00:00.000Z');
    clock(d, 'x', '2026-03-15T08:30:00.000Z', null);
    const e = crisis(5, { title: 'Old one', type: 'outage', severity: 'sev3', declaredAt: '2026-02-20T09:00:00.000Z' });
    f.store.followUps.addAction(e.id, 'Old action', U1, LEAD, '2026-02-20T09:00:00.000Z');
  });


  describe('the figures of a scripted history', () => {
    it('counts by type and severity, with medians and shares that leave the drill and the older crisis out', () => {
      const report = f.services.report.build(30);
      expect(report).toMatchObject({ days: 30, since: '2026-03-01T12:00:00.000Z', total: 3, resolved: 2, privateCount: 1, bySeverity: { sev1: 1, sev2: 2, sev3: 0, sev4: 0 } });
      expect(report.byType).toEqual([
        { type: 'outage', label: 'Service outage', count: 2, bySeverity: { sev1: 1, sev2: 1, sev3: 0, sev4: 0 } },
        { type: 'recall', label: 'Product recall', count: 1, bySeverity: { sev1: 0, sev2: 1, sev3: 0, sev4: 0 } },
      ]);
      // First updates after 10, 20 and 30 min; statements after 30 and 60; resolutions after 240 and 1440.
      expect(report.firstUpdate).toEqual({ minutes: 20, of: 3, total: 3 });
      expect(report.firstStatement).toEqual({ minutes: 45, of: 2, total: 3 });
      expect(report.resolution).toEqual({ minutes: 840, of: 2, total: 3 });
      expect(report.updatesOnTime).toEqual({ part: 3, whole: 4 });
      expect(report.deadlinesMet).toEqual({ part: 1, whole: 2 });
      // A kept one and a broken one; C's is still running and the drill's does not count.
      expect(report.promisesKept).toEqual({ part: 1, whole: 2 });
      expect(report.openActions).toEqual({ total: 3, byOwner: [{ ownerId: U1, count: 2 }, { ownerId: null, count: 1 }] });
      expect(report.planChanges).toEqual([{ crisisId: a.id, crisisTitle: 'Checkout down', declaredAt: a.declaredAt, text: 'outage.yaml: add a failover drill <@U0OWNER1>' }]);
      expect(report.privatePlanChanges).toBe(1);
      // Weeks from the window's first Monday (23 Feb) to now's (30 Mar).
      expect(report.buckets).toEqual({
        unit: 'week',
        labels: ['Feb 23', 'Mar 2', 'Mar 9', 'Mar 16', 'Mar 23', 'Mar 30'],
        counts: { sev1: [0, 1, 0, 0, 0, 0], sev2: [0, 0, 1, 1, 0, 0], sev3: [0, 0, 0, 0, 0, 0], sev4: [0, 0, 0, 0, 0, 0] },
      });
      expect(report.crises.map((x) => x.id)).toEqual([c.id, b.id, a.id]);
    });

    it('counts every crisis of the last 3650 days by month, and nothing for a day with none', () => {
      const long = f.services.report.build(3650);
      expect(long.total).toBe(4);
      expect(long.buckets.unit).toBe('month');
      expect(long.buckets.labels.at(-1)).toBe('Mar 2026');
      expect(long.buckets.labels[0]).toBe('Apr 2016');
      expect(long.buckets.labels).toHaveLength(120);
      expect(long.buckets.counts.sev3.at(-2)).toBe(1);
      expect(f.services.report.build(1).total).toBe(0);
    });

    it('refuses a period outside 1 to 3650 days with what is accepted', async () => {
      for (const days of [0, 5000, 2.5]) {
        const err = await rejection(Promise.resolve().then(() => f.services.report.build(days)));
        expect(mrkdwn(err.message)).toContain('Use `/crisis report` for the last 90 days, or `/crisis report &lt;N&gt;d` with N from 1 to 3650');
      }
    });
  });

  describe('the file, the chart and the DM', () => {
    it('sends the Markdown file and the PNG chart to the person, with names and without the private crisis\'s title', async () => {
      const outcome = await f.services.report.send(U2, 30);
      expect(outcome).toMatchObject({ delivered: true, chart: true, warnings: [] });
      expect(people.reports).toHaveLength(1);
      const [{ userId, delivery }] = people.reports as [{ userId: string; delivery: ReportDelivery }];
      expect(userId).toBe(U2);
      expect(delivery.markdown.filename).toBe('crisis-report-20260331-30d.md');
      expect(delivery.chart).toEqual({ filename: 'crisis-report-20260331-30d.png', title: 'Crisis report: the last 30 days: crises per week by severity', png: TINY_PNG });
      const md = delivery.markdown.content;
      expect(md).toContain('# Crisis report: the last 30 days');
      expect(md).toContain('- Crises declared: 3 (2 resolved, 1 still open, 1 private)');
      expect(md).toContain('- Median time to first update: 20 min (3 of 3 crises had one)');
      expect(md).toContain('- Median time to first published statement: 45 min (2 of 3 crises published one)');
      expect(md).toContain('- Median time to resolution: 14 h (2 of 3 crises resolved)');
      expect(md).toContain('- Updates on time: 3 of 4 due times (75%)');
      expect(md).toContain('- Promises kept: 1 of 2 (50%)');
      expect(md).toContain('- Deadlines met: 1 of 2 (50%)');
      expect(md).toContain('| Service outage | 2 | 1 | 1 | 0 | 0 |');
      expect(md).toContain('| Mar 9 | 0 | 1 | 0 | 0 | 1 |');
      expect(md).toContain('- Owen One: 2\n- No owner: 1');
      expect(md).toContain('- 2026-03-02, Checkout down: outage.yaml: add a failover drill @Owen One');
      expect(md).toContain('- 1 more from private crises, not shown here (see their debriefs).');
      expect(md).toContain('| 2026-03-10 10:00 | private crisis (lead Lena Lead) | Product recall | sev2 | Resolved | 24 h |');
      for (const hidden of ['Secret Acme', 'Secret plan', 'Drill kettle', 'Drill plan', 'Old one']) expect(md).not.toContain(hidden);
    });

    it('goes without its picture when the chart cannot be drawn, and says so', async () => {
      f.services.deps.people = { notifier: people, chart: { renderPng: () => Promise.reject(new ExternalCallError('chart.render', 'render_failed', 'The chart could not be drawn: no canvas.')) } };
      const outcome = await f.services.report.send(U2, 30);
      expect(outcome).toMatchObject({ delivered: true, chart: false });
      expect(outcome.warnings).toEqual(['Could not draw the chart: The chart could not be drawn: no canvas. The file has the same figures as a table.']);
      expect(people.reports[0]?.delivery.chart).toBeUndefined();
    });

    it('says when the DM could not be sent, and still answers with the figures', async () => {
      people.failReport = new ExternalCallError('files.completeUploadExternal', 'not_in_channel', 'The bot is not in that channel.');
      const outcome = await f.services.report.send(U2, 30);
      expect(outcome.delivered).toBe(false);
      expect(outcome.report.total).toBe(3);
      expect(outcome.warnings).toEqual(['Could not send the report file to your DM: The bot is not in that channel.']);
    });

    it('a chart spec of the stacked-bar shape the customer side\'s renderer draws', async () => {
      const specs: unknown[] = [];
      f.services.deps.people = { notifier: people, chart: { renderPng: async (spec) => (specs.push(spec), TINY_PNG) } };
      await f.services.report.send(U2, 30);
      expect(specs).toEqual([
        {
          type: 'stacked_bar',
          title: 'Crises per week by severity',
          subtitle: 'The last 30 days: 3 crises, drills left out (UTC)',
          categories: ['Feb 23', 'Mar 2', 'Mar 9', 'Mar 16', 'Mar 23', 'Mar 30'],
          stacks: [
            { label: 'sev1 critical', values: [0, 1, 0, 0, 0, 0], color: '#c0392b' },
            { label: 'sev2 high', values: [0, 0, 1, 1, 0, 0], color: '#e67e22' },
            { label: 'sev3 medium', values: [0, 0, 0, 0, 0, 0], color: '#f1c40f' },
            { label: 'sev4 low', values: [0, 0, 0, 0, 0, 0], color: '#95a5a6' },
          ],
          yLabel: 'Crises declared',
        },
      ]);
    });
  });
});

/**
 * Issue 10, deadline alerts on the scheduled-alert tick, against a real store and a scripted
 * notifier: each alert once at its time, overlapping ticks never both send, a failed post is
 * retried, a claim whose process died is retried once its lease runs out, one catch-up after a
 * downtime, and resolving, marking done or a gone channel stop them. On both engines (SQLite, and
 * PostgreSQL where the run has a server).
 */
import { CrisisError } from '../../src/core/errors';
import type { Crisis } from '../../src/core/crisis';
import { ExternalCallError, type CrisisSnapshot } from '../../src/core/ports';
import type { DeadlineAlertMessage } from '../../src/features/deadlines/deadline-ports';
import { REMINDER_LEASE_MINUTES } from '../../src/features/updates/reminder-service';
import { ScheduledAlertService } from '../../src/core/scheduled-alert-service';
import { LEAD, rejection, START, startServicesOn, type Fixture, RecordingNotifier } from './services-fixture';
import { sqlEngines } from '../helpers/postgres';
import { useTestStore } from '../helpers/test-store';
import { mrkdwn } from '../../src/slack/views/words';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';

const at = (minutes: number): string => new Date(Date.parse(START) + minutes * 60_000).toISOString();
const H = 60;

/** Deadline alerts recorded, held open or made to fail. */
class AlertNotifier extends RecordingNotifier {
  readonly alerts: Array<{ crisisId: number; alert: DeadlineAlertMessage; drill: boolean }> = [];
  onAlert: () => Promise<void> | void = () => {};
  override async postDeadlineAlert(snapshot: CrisisSnapshot, alert: DeadlineAlertMessage): Promise<void> {
    await this.onAlert();
    this.alerts.push({ crisisId: snapshot.crisis.id, alert, drill: snapshot.crisis.isDrill });
  }
}

let f: Fixture<Db | PostgresSyncDatabase>;
let notifier: AlertNotifier;
let crisis: Crisis;

async function declareBreach(): Promise<Crisis> {
  return (await f.services.declare.declare({ teamId: 'T1', userId: LEAD, title: 'Customer data exposed', type: 'breach' })).crisis;
}

async function tickAt(minutes: number): Promise<Awaited<ReturnType<ScheduledAlertService['tick']>>> {
  f.clock.set(at(minutes));
  return f.services.alerts.tick();
}

function sent(): string[] {
  return notifier.alerts.map((a) => `${a.alert.kind}:${a.alert.minutesLeft}`);
}

function states(): Record<string, string> {
  return Object.fromEntries(f.store.alerts.ofCrisis(crisis.id).map((a) => [a.key, a.state]));
}

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(async () => {
    notifier = new AlertNotifier();
    f = startServicesOn(testStore(), {}, notifier);
    crisis = await declareBreach();
  });

  describe('a breach declared in text', () => {
    it('starts the 72-hour clock in the declaring transaction, with its four alerts', () => {
      expect(f.store.deadlines.list(crisis.id)).toEqual([
        expect.objectContaining({ clockId: 'authority', source: 'playbook', startedAt: START, dueAt: at(72 * H), generation: 1, doneAt: null, createdBy: LEAD }),
      ]);
      expect(Object.values(states())).toEqual(['pending', 'pending', 'pending', 'pending']);
      expect(f.store.timeline.list(crisis.id).map((e) => e.kind)).toEqual(['declared', 'role_assigned', 'deadline_started']);
    });
  });

  describe('each alert once, at its time', () => {
    it('reminds 24 h, 6 h and 1 h before, then once when missed, mentioning the lead; nothing twice', async () => {
      expect((await tickAt(48 * H - 1)).sent).toBe(0);
      expect(await tickAt(48 * H)).toMatchObject({ due: 1, sent: 1, skipped: 0, failed: 0 });
      expect((await tickAt(48 * H)).sent).toBe(0);
      expect((await tickAt(60 * H)).sent).toBe(0);
      expect((await tickAt(66 * H)).sent).toBe(1);
      expect((await tickAt(71 * H)).sent).toBe(1);
      expect((await tickAt(71 * H + 59)).sent).toBe(0);
      expect((await tickAt(72 * H)).sent).toBe(1);
      expect((await tickAt(100 * H)).sent).toBe(0);
      expect(sent()).toEqual(['reminder:1440', 'reminder:360', 'reminder:60', 'missed:0']);
      expect(notifier.alerts[0]?.alert.mentionIds).toEqual([LEAD]);
      const rows = f.store.timeline.list(crisis.id).filter((e) => e.kind === 'deadline_reminder' || e.kind === 'deadline_missed');
      expect(rows.map((e) => [e.kind, e.occurredAt, e.data])).toEqual([
        ['deadline_reminder', at(48 * H), { clock_id: 'authority', due_at: at(72 * H), minutes_left: 1440 }],
        ['deadline_reminder', at(66 * H), { clock_id: 'authority', due_at: at(72 * H), minutes_left: 360 }],
        ['deadline_reminder', at(71 * H), { clock_id: 'authority', due_at: at(72 * H), minutes_left: 60 }],
        ['deadline_missed', at(72 * H), { clock_id: 'authority', due_at: at(72 * H) }],
      ]);
      expect(Object.values(states())).toEqual(['sent', 'sent', 'sent', 'sent']);
    });

    it('mentions legal too, once assigned', async () => {
      await f.services.roles.assign(crisis, LEAD, 'U0LEGAL', 'legal');
      await tickAt(48 * H);
      expect(notifier.alerts[0]?.alert.mentionIds).toEqual([LEAD, 'U0LEGAL']);
    });
  });

  describe('restart-safe, like update reminders', () => {
    it('two overlapping ticks send an alert once', async () => {
      let release: () => void = () => {};
      notifier.onAlert = () => new Promise<void>((resolve) => (release = resolve));
      f.clock.set(at(48 * H));
      const first = f.services.alerts.tick();
      await new Promise((resolve) => setImmediate(resolve));
      const second = await f.services.alerts.tick();
      release();
      expect((await first).sent).toBe(1);
      expect(second).toMatchObject({ due: 0, sent: 0 });
      expect(sent()).toEqual(['reminder:1440']);
    });

    it('a failed post gives its claim back and is sent by the next tick, recorded once', async () => {
      notifier.onAlert = () => {
        throw new ExternalCallError('chat.postMessage', 'internal_error', 'Slack had an internal error.');
      };
      expect(await tickAt(48 * H)).toMatchObject({ sent: 0, failed: 1 });
      expect(f.store.alerts.ofCrisis(crisis.id)[0]).toMatchObject({ state: 'pending', leaseUntil: null });
      expect(f.store.timeline.count(crisis.id, 'deadline_reminder')).toBe(0);
      notifier.onAlert = () => {};
      expect((await tickAt(48 * H + 1)).sent).toBe(1);
      expect(f.store.timeline.count(crisis.id, 'deadline_reminder')).toBe(1);
    });

    it('a claim whose process died is left alone while its lease runs, then sent once', async () => {
      f.clock.set(at(48 * H));
      const [first] = f.store.alerts.due(at(48 * H), 10);
      // The dead process claimed it and never finished.
      expect(f.store.alerts.claim(first!.id, at(48 * H + REMINDER_LEASE_MINUTES), at(48 * H))).toBe(true);
      expect((await tickAt(48 * H + 1)).sent).toBe(0);
      expect((await tickAt(48 * H + REMINDER_LEASE_MINUTES)).sent).toBe(1);
      expect((await tickAt(48 * H + REMINDER_LEASE_MINUTES + 1)).sent).toBe(0);
      expect(sent()).toEqual(['reminder:1438']);
    });

    it('after a downtime across three alert times, one catch-up: the latest; the others are skipped', async () => {
      expect(await tickAt(71 * H + 30)).toMatchObject({ due: 3, sent: 1, skipped: 2 });
      expect(sent()).toEqual(['reminder:30']);
      expect(Object.values(states())).toEqual(['skipped', 'skipped', 'sent', 'pending']);
      expect(f.store.timeline.count(crisis.id, 'deadline_reminder')).toBe(1);
      expect((await tickAt(72 * H)).sent).toBe(1);
      expect(sent()).toEqual(['reminder:30', 'missed:0']);
    });

    it('a downtime past the due time sends only "missed"', async () => {
      expect(await tickAt(80 * H)).toMatchObject({ sent: 1, skipped: 3 });
      expect(sent()).toEqual(['missed:0']);
    });

    it('a ScheduledAlertService built afresh over the same database (a restart) finds what is due', async () => {
      await tickAt(48 * H);
      const restarted = new ScheduledAlertService(f.services.deps, { deadline_reminder: stubHandler(), deadline_missed: stubHandler() });
      f.clock.set(at(66 * H));
      expect((await restarted.tick()).sent).toBe(1);
      expect((await f.services.alerts.tick()).sent).toBe(0);
    });
  });

  function stubHandler(): ConstructorParameters<typeof ScheduledAlertService>[1][string] {
    return { stillWanted: () => true, deliver: async () => true, recordSent: () => {} };
  }

  describe('what stops them', () => {
    it('resolving cancels every pending alert in its transaction; nothing follows', async () => {
      await tickAt(48 * H);
      f.clock.set(at(50 * H));
      await f.services.resolve.resolve(crisis, LEAD, 'Contained; authority notified by phone');
      expect(Object.values(states())).toEqual(['sent', 'cancelled', 'cancelled', 'cancelled']);
      expect((await tickAt(66 * H)).sent).toBe(0);
      expect((await tickAt(80 * H)).sent).toBe(0);
      expect(sent()).toEqual(['reminder:1440']);
      // A resolved crisis's clocks are stopped: none is added or restarted; a late "done" is still recorded.
      expect((await rejection(f.services.deadlines.add(crisis, LEAD, 'Call the bank', 60))).message).toContain('This crisis is resolved, so its clocks are stopped. Use `/crisis reopen` first to add a clock.');
      expect((await rejection(f.services.deadlines.start(crisis, LEAD, 'authority'))).code).toBe('conflict');
      expect((await f.services.deadlines.done(crisis, LEAD, 'authority')).clock.doneAt).toBe(at(80 * H));
      expect((await tickAt(90 * H)).sent).toBe(0);
    });

    it('reopening gives an open clock its alerts back: past reminders are not sent, "missed" is once', async () => {
      f.clock.set(at(10 * H));
      await f.services.resolve.resolve(crisis, LEAD, 'False alarm');
      f.clock.set(at(75 * H));
      await f.services.resolve.reopen(crisis, LEAD);
      expect(await tickAt(75 * H)).toMatchObject({ sent: 1 });
      expect(sent()).toEqual(['missed:0']);
      // Resolved and reopened again: the team was told already.
      await f.services.resolve.resolve(crisis, LEAD, 'Closed');
      f.clock.set(at(76 * H));
      await f.services.resolve.reopen(crisis, LEAD);
      expect((await tickAt(77 * H)).sent).toBe(0);
    });

    it('marking the clock done cancels what is pending', async () => {
      await tickAt(48 * H);
      f.clock.set(at(49 * H));
      const { clock } = await f.services.deadlines.done(crisis, LEAD, 'authority');
      expect(clock).toMatchObject({ doneAt: at(49 * H), doneBy: LEAD });
      expect((await tickAt(72 * H)).sent).toBe(0);
      expect(Object.values(states())).toEqual(['sent', 'cancelled', 'cancelled', 'cancelled']);
    });

    it('a channel that is gone: the alert is dropped, not retried forever', async () => {
      notifier.onAlert = () => {
        throw new ExternalCallError('chat.postMessage', 'channel_not_found', 'The channel was not found.');
      };
      expect(await tickAt(48 * H)).toMatchObject({ sent: 0, stopped: 1 });
      expect(Object.values(states())).toEqual(['skipped', 'pending', 'pending', 'pending']);
      expect((await tickAt(48 * H + 5)).stopped).toBe(0);
    });

    it('an alert of a kind nobody handles is skipped, and the others still go', async () => {
      f.store.alerts.schedule(crisis.id, [{ kind: 'promise_reminder', subject: 'promise:S1', key: 'promise:S1:remind', dueAt: at(1) }], START);
      expect(await tickAt(48 * H)).toMatchObject({ sent: 1, skipped: 1 });
      expect(f.store.alerts.ofCrisis(crisis.id).find((a) => a.kind === 'promise_reminder')?.state).toBe('skipped');
    });
  });

  describe('changing clocks', () => {
    it('deadline start moves the due time and replans: the earlier start\'s alerts never fire', async () => {
      f.clock.set(at(2 * H));
      // The company became aware 30 hours before the declaration: 42 hours are left.
      const { clock } = await f.services.deadlines.start(crisis, LEAD, 'authority', { date: '2026-11-25', time: '03:00' });
      expect(clock).toMatchObject({ startedAt: '2026-11-25T03:00:00.000Z', dueAt: '2026-11-28T03:00:00.000Z', generation: 2 });
      expect(states()).toMatchObject({ 'deadline:authority:g1:remind:1440': 'cancelled', 'deadline:authority:g1:missed': 'cancelled', 'deadline:authority:g2:missed': 'pending' });
      expect((await tickAt(18 * H)).sent).toBe(1);
      expect((await tickAt(36 * H)).sent).toBe(1);
      expect((await tickAt(41 * H)).sent).toBe(1);
      expect((await tickAt(42 * H)).sent).toBe(1);
      // The first start's times (48 h, 66 h, 71 h, 72 h) pass with nothing.
      for (const hour of [48, 66, 71, 72]) expect((await tickAt(hour * H)).sent).toBe(0);
      expect(sent()).toEqual(['reminder:1440', 'reminder:360', 'reminder:60', 'missed:0']);
      expect(f.store.timeline.list(crisis.id).find((e) => e.kind === 'deadline_restarted')?.data).toEqual({
        clock_id: 'authority',
        due_at: '2026-11-28T03:00:00.000Z',
        started_at: '2026-11-25T03:00:00.000Z',
        previous_due_at: at(72 * H),
      });
    });

    it('refuses an unknown or finished clock, a future start, and anyone but lead, legal, declarer or admin: nothing changes', async () => {
      const before = JSON.stringify([f.store.deadlines.list(crisis.id), f.store.alerts.ofCrisis(crisis.id), f.store.timeline.list(crisis.id)]);
      const unknown = await rejection(f.services.deadlines.done(crisis, LEAD, 'regulator'));
      expect(unknown).toBeInstanceOf(CrisisError);
      expect(mrkdwn(unknown.message)).toBe('There is no clock `regulator` in this crisis. The running clocks: `authority`. `/crisis deadlines` lists them all; `/crisis deadline add &lt;label&gt; in &lt;N&gt;h` adds one. Nothing changed.');
      expect((await rejection(f.services.deadlines.start(crisis, LEAD, 'authority', { time: '23:59' }))).message).toMatch(/is in the future/);
      expect((await rejection(f.services.deadlines.done(crisis, 'U0NOBODY', 'authority'))).code).toBe('forbidden');
      expect(JSON.stringify([f.store.deadlines.list(crisis.id), f.store.alerts.ofCrisis(crisis.id), f.store.timeline.list(crisis.id)])).toBe(before);
      await f.services.deadlines.done(crisis, LEAD, 'authority');
      const again = await rejection(f.services.deadlines.done(crisis, LEAD, 'authority'));
      expect(mrkdwn(again.message)).toBe(`Clock \`authority\` (Notify the supervisory authority (GDPR Art. 33, within 72 hours of becoming aware)) was already marked done at 2026-11-26 09:00 (UTC) by <@${LEAD}>. Nothing changed.`);
    });

    it('a clock added by hand gets the next d<n> id, reminders in its second half, and fires', async () => {
      const { clock } = await f.services.deadlines.add(crisis, LEAD, '  Call   the insurer ', 4 * H);
      expect(clock).toMatchObject({ clockId: 'd1', label: 'Call the insurer', source: 'manual', remindBeforeMinutes: [60, 15], dueAt: at(4 * H) });
      expect((await f.services.deadlines.add(crisis, LEAD, 'Brief the board', 30)).clock.clockId).toBe('d2');
      // d2's reminder 15 min before and its "missed" fell due together: one catch-up, "missed".
      expect(await tickAt(3 * H)).toMatchObject({ sent: 2, skipped: 1 });
      expect(notifier.alerts.map((a) => `${a.alert.clock.clockId}:${a.alert.kind}`)).toEqual(['d2:missed', 'd1:reminder']);
      for (const minutes of [0, 90 * 1440 + 1]) expect((await rejection(f.services.deadlines.add(crisis, LEAD, 'x', minutes))).code).toBe('bad_input');
    });
  });

  describe('drills', () => {
    it('are marked on every alert', async () => {
      const drill = (await f.services.declare.declare({ teamId: 'T1', userId: LEAD, title: 'Kettle K2 overheating', type: 'recall', drill: true })).crisis;
      expect(drill).toMatchObject({ isDrill: true, channelName: 'drill-20261126-kettle-k2-overheating' });
      f.clock.set(at(12 * H));
      await f.services.alerts.tick();
      expect(notifier.alerts.filter((a) => a.crisisId === drill.id).map((a) => a.drill)).toEqual([true]);
    });
  });
});

/**
 * The reminder tick against a real store and a scripted notifier: claims (short leases) that make
 * overlapping ticks safe and survive a process dying mid-send, a failed post that gives its claim
 * back without undoing what happened meanwhile, the spokesperson nudge recorded only once posted,
 * and the batch limit, on both engines (SQLite, and PostgreSQL where the run has a server); and the
 * tick staying fast (and on its indexes) at thousands of open crises, on SQLite (PostgreSQL's
 * figures are in npm run bench).
 */
import { ManualClock } from '../../src/clock';
import { addMinutes, updateDueAt, type ReminderState } from '../../src/core/cadence';
import type { Severity } from '../../src/core/crisis';
import type { TimelineKind } from '../../src/core/timeline';
import { silentLogger } from '../../src/logger';
import { REMINDER_LEASE_MINUTES, ReminderService, type ReminderServiceOptions } from '../../src/features/updates/reminder-service';
import { ExternalCallError, type ChannelNotice, type CrisisSnapshot } from '../../src/core/ports';
import type { ReminderMessage } from '../../src/features/updates/update-ports';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import type { Store } from '../../src/core/store';
import { sqlEngines } from '../helpers/postgres';
import { useTestStore } from '../helpers/test-store';
import { shippedPlaybooks } from '../helpers/playbooks';
import { StubNotifier } from '../helpers/stub-notifier';

const START = '2026-11-26T09:00:00.000Z';

interface Sent {
  crisisId: number;
  reminder: ReminderMessage;
}

/** A Notifier whose reminder posts can be held open or made to fail; everything else succeeds. */
class ScriptedNotifier extends StubNotifier {
  readonly sent: Sent[] = [];
  readonly dms: string[] = [];
  cardUpdates = 0;
  readonly notices: { crisisId: number; kind: string }[] = [];
  /** Runs inside postReminder before it answers; may throw to fail the post. */
  onPost: (snapshot: CrisisSnapshot) => Promise<void> | void = () => {};
  /** Runs inside postNotice before it answers; may throw to fail the post. */
  onNotice: (snapshot: CrisisSnapshot) => Promise<void> | void = () => {};

  override async postReminder(snapshot: CrisisSnapshot, reminder: ReminderMessage): Promise<void> {
    await this.onPost(snapshot);
    this.sent.push({ crisisId: snapshot.crisis.id, reminder });
  }
  override async dmEscalation(userId: string): Promise<void> {
    this.dms.push(userId);
  }
  override async updateCard(): Promise<void> {
    this.cardUpdates += 1;
  }
  override async postNotice(snapshot: CrisisSnapshot, notice: ChannelNotice): Promise<void> {
    await this.onNotice(snapshot);
    this.notices.push({ crisisId: snapshot.crisis.id, kind: notice.kind });
  }
}

let db: Db | PostgresSyncDatabase;
let store: Store;
let clock: ManualClock;
let notifier: ScriptedNotifier;

function service(options: ReminderServiceOptions = {}): ReminderService {
  return new ReminderService({ store, clock, notifier, logger: silentLogger, settings: { timeZone: 'UTC', announceChannel: undefined, admins: [] }, playbooks: shippedPlaybooks() }, options);
}

/** A crisis declared at START with a lead and a spokesperson, its update due `cadence` minutes later. */
function addCrisis(n: number, opts: { severity?: Severity; cadence?: number; resolved?: boolean; spokesperson?: boolean } = {}): number {
  const cadence = opts.cadence ?? 60;
  const crisis = store.crises.insert({
    teamId: 'T1',
    channelId: `C${n}`,
    channelName: `crisis-${n}`,
    title: `Crisis ${n}`,
    type: 'other',
    severity: opts.severity ?? 'sev2',
    customerImpact: '',
    declaredBy: 'U0LEAD',
    declaredAt: START,
    cardTs: `${n}.0`,
    announceChannelId: null,
    announceTs: null,
  });
  store.roles.insert(crisis.id, 'lead', 'U0LEAD', 'U0LEAD', START, []);
  if (opts.spokesperson !== false) store.roles.insert(crisis.id, 'spokesperson', 'U0SPOKES', 'U0LEAD', START, []);
  store.reminders.save({
    crisisId: crisis.id,
    enabled: !opts.resolved,
    cadenceMinutes: cadence,
    cadenceSource: 'default',
    lastUpdateAt: START,
    nextDueAt: addMinutes(START, cadence),
    remindersSinceUpdate: 0,
    lastRemindedAt: null,
  });
  if (opts.resolved) store.crises.update(crisis.id, { status: 'resolved', resolvedAt: START }, START);
  return crisis.id;
}

/** Timeline rows of one kind for a crisis. */
function countOf(id: number, kind: TimelineKind): number {
  return store.timeline.list(id).filter((e) => e.kind === kind).length;
}

function reminder(id: number): ReminderState {
  const state = store.reminders.get(id);
  if (!state) throw new Error(`no reminder for ${id}`);
  return state;
}

beforeEach(() => {
  clock = new ManualClock(START);
  notifier = new ScriptedNotifier();
});

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(() => {
    ({ db, store } = testStore());
  });

  describe('claiming', () => {
    it('two overlapping ticks send each due reminder once', async () => {
      const ids = [1, 2, 3, 4, 5].map((n) => addCrisis(n));
      // Hold every post open so the two ticks really overlap.
      notifier.onPost = () => new Promise((resolve) => setTimeout(resolve, 5));
      clock.set(addMinutes(START, 60));
      const reminders = service({ concurrency: 2 });
      const [a, b] = await Promise.all([reminders.tick(), reminders.tick()]);
      // The second tick saw as due the ones still queued in the first: they really overlapped.
      expect(a.due).toBe(5);
      expect(b.due).toBeGreaterThan(0);
      expect(a.sent + b.sent).toBe(5);
      expect(notifier.sent.map((s) => s.crisisId).sort()).toEqual(ids);
      for (const id of ids) expect(countOf(id, 'reminder_sent')).toBe(1);
    });

    it('a claim is a lease that leaves the counter alone; one made from a stale read fails', () => {
      const id = addCrisis(1);
      const seen = reminder(id);
      const now = addMinutes(START, 60);
      const lease = addMinutes(now, REMINDER_LEASE_MINUTES);
      expect(store.reminders.claim(seen, lease, now)).toBe(true);
      expect(store.reminders.claim(seen, lease, now)).toBe(false);
      expect(reminder(id)).toMatchObject({ nextDueAt: lease, remindersSinceUpdate: 0, lastRemindedAt: now });
      // Only the holder of the lease can make it final.
      expect(store.reminders.finish(id, addMinutes(lease, 1), addMinutes(now, 60), now)).toBe(false);
      expect(store.reminders.finish(id, lease, addMinutes(now, 60), now)).toBe(true);
      expect(reminder(id)).toMatchObject({ nextDueAt: addMinutes(now, 60), remindersSinceUpdate: 1, lastRemindedAt: now });
    });

    it('a reminder whose process died mid-send is sent again once the lease runs out, as a plain reminder', async () => {
      const id = addCrisis(1);
      // The first process claims the reminder and never comes back from Slack (killed).
      notifier.onPost = () => new Promise<void>(() => {});
      clock.set(addMinutes(START, 60));
      void service().tick();
      await new Promise((resolve) => setImmediate(resolve));
      expect(reminder(id)).toMatchObject({ nextDueAt: addMinutes(START, 60 + REMINDER_LEASE_MINUTES), remindersSinceUpdate: 0 });
      expect(countOf(id, 'reminder_sent')).toBe(0);

      // A restarted process: nothing to do while the lease holds, then exactly one plain reminder.
      notifier.onPost = () => {};
      const restarted = service();
      clock.set(addMinutes(START, 61));
      expect(await restarted.tick()).toMatchObject({ due: 0, sent: 0 });
      const retryAt = addMinutes(START, 60 + REMINDER_LEASE_MINUTES);
      clock.set(retryAt);
      expect(await restarted.tick()).toMatchObject({ due: 1, sent: 1, escalated: 0 });
      expect(await restarted.tick()).toMatchObject({ due: 0, sent: 0 });
      expect(notifier.sent.map((s) => s.reminder.overdue)).toEqual([false]);
      expect(notifier.dms).toEqual([]);
      expect(countOf(id, 'reminder_sent')).toBe(1);
      expect(countOf(id, 'update_missed')).toBe(0);
      expect(reminder(id)).toMatchObject({ nextDueAt: addMinutes(retryAt, 60), remindersSinceUpdate: 1, lastRemindedAt: retryAt });
      // The one after it, a cadence later, is the escalation.
      clock.set(addMinutes(retryAt, 60));
      expect(await restarted.tick()).toMatchObject({ sent: 1, escalated: 1 });
    });

    it('an update posted while the reminder is in flight keeps its schedule; the reminder is still recorded', async () => {
      const id = addCrisis(1);
      const updatedAt = addMinutes(START, 60.1);
      notifier.onPost = () => {
        // While the reminder is in flight the update sees it as owed since the reminder: late.
        expect(updateDueAt(reminder(id))).toBe(addMinutes(START, 60));
        store.reminders.save({ ...reminder(id), lastUpdateAt: updatedAt, nextDueAt: addMinutes(updatedAt, 60), remindersSinceUpdate: 0 });
      };
      clock.set(addMinutes(START, 60));
      expect(await service().tick()).toMatchObject({ sent: 1 });
      expect(reminder(id)).toMatchObject({ lastUpdateAt: updatedAt, nextDueAt: addMinutes(updatedAt, 60), remindersSinceUpdate: 0 });
      expect(countOf(id, 'reminder_sent')).toBe(1);
    });

    it('handles at most batchSize crises a tick; the next tick picks up the rest', async () => {
      for (let n = 1; n <= 7; n += 1) addCrisis(n);
      clock.set(addMinutes(START, 60));
      const reminders = service({ batchSize: 5 });
      expect(await reminders.tick()).toMatchObject({ due: 5, sent: 5 });
      expect(await reminders.tick()).toMatchObject({ due: 2, sent: 2 });
      expect(await reminders.tick()).toMatchObject({ due: 0, sent: 0 });
    });

    it('mentions lead and spokesperson, escalates the second ignored reminder and DMs the lead', async () => {
      const id = addCrisis(1);
      const reminders = service();
      clock.set(addMinutes(START, 60));
      await reminders.tick();
      clock.set(addMinutes(START, 120));
      expect(await reminders.tick()).toMatchObject({ sent: 1, escalated: 1 });
      expect(notifier.sent.map((s) => s.reminder)).toEqual([
        { overdue: false, minutesSinceUpdate: 60, mentionIds: ['U0LEAD', 'U0SPOKES'] },
        { overdue: true, minutesSinceUpdate: 120, mentionIds: ['U0LEAD', 'U0SPOKES'] },
      ]);
      expect(notifier.dms).toEqual(['U0LEAD']);
      expect(notifier.cardUpdates).toBe(2);
      // The missed update was due when the first reminder went out, not at the escalation.
      expect(store.timeline.list(id).filter((e) => e.kind === 'update_missed').map((e) => e.data)).toEqual([{ due_at: addMinutes(START, 60) }]);
    });
  });

  describe('a failed post', () => {
    it('gives the claim back so the next tick retries', async () => {
      const id = addCrisis(1);
      const before = reminder(id);
      notifier.onPost = () => {
        throw new ExternalCallError('chat.postMessage', 'fatal_error', 'Slack had an internal error.');
      };
      clock.set(addMinutes(START, 60));
      expect(await service().tick()).toMatchObject({ sent: 0, failed: 1 });
      expect(reminder(id)).toEqual(before);
    });

    it('does not undo an update posted while Slack was being called', async () => {
      const id = addCrisis(1);
      const updatedAt = addMinutes(START, 60.1);
      notifier.onPost = () => {
        // Someone posts an update while the reminder is in flight; then Slack fails the reminder.
        store.reminders.save({ ...reminder(id), lastUpdateAt: updatedAt, nextDueAt: addMinutes(updatedAt, 60), remindersSinceUpdate: 0 });
        throw new ExternalCallError('chat.postMessage', 'fatal_error', 'Slack had an internal error.');
      };
      clock.set(addMinutes(START, 60));
      await service().tick();
      expect(reminder(id)).toMatchObject({ lastUpdateAt: updatedAt, nextDueAt: addMinutes(updatedAt, 60), remindersSinceUpdate: 0 });
    });

    it('does not switch reminders back on for a crisis resolved while Slack was being called', async () => {
      const id = addCrisis(1);
      notifier.onPost = () => {
        store.crises.update(id, { status: 'resolved', resolvedAt: clock.now().toISOString() }, clock.now().toISOString());
        store.reminders.save({ ...reminder(id), enabled: false });
        throw new ExternalCallError('chat.postMessage', 'ratelimited', 'Slack is rate-limiting the bot.');
      };
      clock.set(addMinutes(START, 60));
      await service().tick();
      expect(reminder(id).enabled).toBe(false);
      notifier.onPost = () => {};
      clock.set(addMinutes(START, 600));
      expect(await service().tick()).toMatchObject({ due: 0, sent: 0 });
    });

    it('stops reminding a crisis whose channel is gone, leaving its schedule otherwise as it was', async () => {
      const id = addCrisis(1);
      notifier.onPost = () => {
        throw new ExternalCallError('chat.postMessage', 'channel_not_found', 'the channel no longer exists.');
      };
      clock.set(addMinutes(START, 60));
      expect(await service().tick()).toMatchObject({ stopped: 1, failed: 0 });
      expect(reminder(id)).toMatchObject({ enabled: false, cadenceMinutes: 60, lastUpdateAt: START });
    });
  });

  describe('updateDueAt', () => {
    const lastUpdateAt = '2026-11-26T09:00:00.000Z';

    it('is next_due_at until a reminder went out, then the time of that reminder', () => {
      expect(updateDueAt({ lastUpdateAt, nextDueAt: '2026-11-26T10:00:00.000Z', lastRemindedAt: null })).toBe('2026-11-26T10:00:00.000Z');
      expect(updateDueAt({ lastUpdateAt, nextDueAt: '2026-11-26T11:00:00.000Z', lastRemindedAt: '2026-11-26T10:00:05.000Z' })).toBe('2026-11-26T10:00:05.000Z');
    });

    it('stays the reminder time after a snooze reset the counter and moved next_due_at', () => {
      // Due 10:00, reminded 10:00, snoozed at 10:02 for 15 min: the update is still owed since 10:00.
      const snoozed = { lastUpdateAt, nextDueAt: '2026-11-26T10:17:00.000Z', remindersSinceUpdate: 0, lastRemindedAt: '2026-11-26T10:00:00.000Z' };
      expect(updateDueAt(snoozed)).toBe('2026-11-26T10:00:00.000Z');
    });

    it('ignores a reminder from before the last update', () => {
      expect(updateDueAt({ lastUpdateAt: '2026-11-26T10:05:00.000Z', nextDueAt: '2026-11-26T11:05:00.000Z', lastRemindedAt: '2026-11-26T10:00:00.000Z' })).toBe(
        '2026-11-26T11:05:00.000Z',
      );
    });
  });

  describe('the spokesperson nudge', () => {
    it('is recorded only once posted: a failed post leaves no marker and is retried next tick', async () => {
      const id = addCrisis(1, { spokesperson: false });
      notifier.onNotice = () => {
        throw new ExternalCallError('chat.postMessage', 'fatal_error', 'Slack had an internal error.');
      };
      clock.set(addMinutes(START, 10));
      expect(await service().tick()).toMatchObject({ nudged: 0 });
      expect(countOf(id, 'role_nudge')).toBe(0);

      notifier.onNotice = () => {};
      clock.set(addMinutes(START, 11));
      expect(await service().tick()).toMatchObject({ nudged: 1 });
      expect(await service().tick()).toMatchObject({ nudged: 0 });
      expect(notifier.notices).toEqual([{ crisisId: id, kind: 'role_nudge' }]);
      expect(store.timeline.list(id).filter((e) => e.kind === 'role_nudge').map((e) => [e.occurredAt, e.text])).toEqual([
        [addMinutes(START, 11), 'No spokesperson yet: channel reminded'],
      ]);
    });

    it('is posted once by two overlapping ticks', async () => {
      const ids = [1, 2, 3].map((n) => addCrisis(n, { spokesperson: false }));
      notifier.onNotice = () => new Promise((resolve) => setTimeout(resolve, 5));
      clock.set(addMinutes(START, 10));
      const reminders = service();
      const [a, b] = await Promise.all([reminders.tick(), reminders.tick()]);
      expect(a.nudged + b.nudged).toBe(3);
      expect(notifier.notices.map((n) => n.crisisId).sort()).toEqual(ids);
      for (const id of ids) expect(countOf(id, 'role_nudge')).toBe(1);
    });

    it('to a channel that is gone is recorded as not delivered and not retried', async () => {
      const id = addCrisis(1, { spokesperson: false });
      let calls = 0;
      notifier.onNotice = () => {
        calls += 1;
        throw new ExternalCallError('chat.postMessage', 'channel_not_found', 'the channel no longer exists.');
      };
      clock.set(addMinutes(START, 10));
      expect(await service().tick()).toMatchObject({ nudged: 0 });
      expect(await service().tick()).toMatchObject({ nudged: 0 });
      expect(calls).toBe(1);
      expect(store.timeline.list(id).filter((e) => e.kind === 'role_nudge').map((e) => e.text)).toEqual([
        'No spokesperson yet; the channel could not be reminded (channel_not_found)',
      ]);
    });
  });
});

describe('at thousands of open crises', () => {
  const testStore = useTestStore('sqlite');
  beforeEach(() => {
    ({ db, store } = testStore());
  });
  const OPEN = 3000;
  const RESOLVED = 6000;

  function seed(): void {
    store.transaction(() => {
      let n = 0;
      for (let i = 0; i < RESOLVED; i += 1) addCrisis((n += 1), { resolved: true });
      // Half of the open ones are sev1, which the spokesperson-nudge query looks at on every tick.
      for (let i = 0; i < OPEN; i += 1) addCrisis((n += 1), { severity: i % 2 ? 'sev1' : 'sev3', cadence: 60 + (i % 600) });
    });
  }

  it('answers "what is due" and "who needs a spokesperson nudge" from indexes', () => {
    const plan = (sql: string, ...args: unknown[]): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT * FROM reminders WHERE enabled = 1 AND next_due_at <= ? ORDER BY next_due_at LIMIT ?', START, 10)).toContain(
      'USING INDEX reminders_due',
    );
    const nudge = plan(`SELECT c.id FROM crises c
      WHERE c.status <> 'resolved' AND c.severity IN ('sev1', 'sev2') AND c.declared_at <= ?
        AND NOT EXISTS (SELECT 1 FROM role_assignments r WHERE r.crisis_id = c.id AND r.role = 'spokesperson' AND r.relieved_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM timeline_events t WHERE t.crisis_id = c.id AND t.source_key = 'nudge:spokesperson')`, START);
    expect(nudge).toMatch(/SCAN c USING INDEX crises_open|SEARCH c USING INDEX/);
    expect(nudge).toContain('USING INDEX role_assignments_open');
    expect(nudge).toContain('USING COVERING INDEX timeline_events_source');
  });

  it('a tick with nothing due stays in the low milliseconds, and a full batch is quick', async () => {
    seed();
    const reminders = service();
    await reminders.tick(); // warm the statements
    const idle: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t0 = performance.now();
      expect(await reminders.tick()).toMatchObject({ due: 0, sent: 0 });
      idle.push(performance.now() - t0);
    }
    expect(Math.min(...idle)).toBeLessThan(25);

    // 500 open crises fall due at once: one batch, every one reminded once.
    clock.set(addMinutes(START, 60 + 499));
    const t0 = performance.now();
    const result = await reminders.tick();
    const elapsed = performance.now() - t0;
    expect(result).toMatchObject({ due: 500, sent: 500, failed: 0 });
    expect(new Set(notifier.sent.map((s) => s.crisisId)).size).toBe(500);
    expect(elapsed).toBeLessThan(2000);
  });
});

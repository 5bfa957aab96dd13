/**
 * The repositories through Store on a real database of each engine (SQLite, and PostgreSQL where the
 * run has a server): the guarantees services rely on, the same on both.
 */
import type { Crisis } from '../../src/core/crisis';
import type { ReminderState } from '../../src/core/cadence';
import type { Store } from '../../src/core/store';
import { sqlEngines } from '../helpers/postgres';
import { UNIQUE_VIOLATION, useTestStore } from '../helpers/test-store';

const T0 = '2024-05-14T10:00:00.000Z';

function t(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

let store: Store;

function declare(channelId: string): Crisis {
  return store.crises.insert({
    teamId: 'T1',
    channelId,
    channelName: `crisis-20240514-${channelId.toLowerCase()}`,
    title: `Crisis in ${channelId}`,
    type: 'outage',
    severity: 'sev2',
    customerImpact: '',
    declaredBy: 'UALICE',
    declaredAt: T0,
    cardTs: null,
    announceChannelId: null,
    announceTs: null,
  });
}

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(() => {
    store = testStore().store;
  });

  describe('timeline', () => {
    it('appends an event with a source key once; a second append is ignored', () => {
      const crisis = declare('C1');
      const event = { kind: 'note' as const, occurredAt: t(5), actorId: 'UBOB', text: 'Support queue at 3x', data: {}, sourceKey: 'msg:C1:1715680800.000100' };
      const first = store.timeline.append(crisis.id, event, t(6));
      expect(first).toMatchObject({ crisisId: crisis.id, kind: 'note', text: 'Support queue at 3x', occurredAt: t(5), recordedAt: t(6), actorId: 'UBOB' });
      expect(store.timeline.append(crisis.id, { ...event, text: 'again' }, t(7))).toBeUndefined();
      expect(store.timeline.list(crisis.id).map((e) => e.text)).toEqual(['Support queue at 3x']);
      expect(store.timeline.bySource(crisis.id, event.sourceKey)?.id).toBe(first?.id);
    });

    it('the same source key in another crisis, or events without one, are all kept', () => {
      const a = declare('C1');
      const b = declare('C2');
      const event = { kind: 'note' as const, occurredAt: t(1), actorId: null, text: 'x', data: {} };
      expect(store.timeline.append(a.id, { ...event, sourceKey: 'k' }, t(1))).toBeDefined();
      expect(store.timeline.append(b.id, { ...event, sourceKey: 'k' }, t(1))).toBeDefined();
      store.timeline.append(a.id, event, t(2));
      store.timeline.append(a.id, event, t(3));
      expect(store.timeline.list(a.id)).toHaveLength(3);
      expect(store.timeline.count(a.id, 'note')).toBe(3);
    });

    it('lists in the order things happened, not the order written', () => {
      const crisis = declare('C1');
      store.timeline.append(crisis.id, { kind: 'note', occurredAt: t(10), actorId: null, text: 'later', data: {} }, t(11));
      store.timeline.append(crisis.id, { kind: 'note', occurredAt: t(2), actorId: null, text: 'captured earlier', data: {} }, t(12));
      expect(store.timeline.list(crisis.id).map((e) => e.text)).toEqual(['captured earlier', 'later']);
    });

    it('a transaction that fails leaves neither the crisis change nor its timeline row', () => {
      const crisis = declare('C1');
      expect(() =>
        store.transaction(() => {
          store.crises.update(crisis.id, { status: 'identified' }, t(1));
          store.timeline.append(crisis.id, { kind: 'status_changed', occurredAt: t(1), actorId: 'UALICE', data: { from: 'investigating', to: 'identified' } }, t(1));
          throw new Error('Slack said no');
        }),
      ).toThrow('Slack said no');
      expect(store.crises.get(crisis.id).status).toBe('investigating');
      expect(store.timeline.list(crisis.id)).toEqual([]);
    });
  });

  describe('reminders', () => {
    function schedule(crisisId: number, dueAt: string): ReminderState {
      const state: ReminderState = {
        crisisId,
        enabled: true,
        cadenceMinutes: 30,
        cadenceSource: 'default',
        lastUpdateAt: T0,
        nextDueAt: dueAt,
        remindersSinceUpdate: 0,
        lastRemindedAt: null,
      };
      store.reminders.save(state);
      return state;
    }

    it('due returns enabled reminders at or before now, earliest first, up to the limit', () => {
      const [a, b, c, d] = ['C1', 'C2', 'C3', 'C4'].map(declare) as [Crisis, Crisis, Crisis, Crisis];
      schedule(a.id, t(30));
      schedule(b.id, t(20));
      schedule(c.id, t(31));
      store.reminders.save({ ...schedule(d.id, t(10)), enabled: false });
      expect(store.reminders.due(t(30), 10).map((r) => r.crisisId)).toEqual([b.id, a.id]);
      expect(store.reminders.due(t(30), 1).map((r) => r.crisisId)).toEqual([b.id]);
      expect(store.reminders.due(t(19), 10)).toEqual([]);
    });

    it('two claims of the same due state: exactly one succeeds', () => {
      const crisis = declare('C1');
      schedule(crisis.id, t(30));
      const [seenByTickA] = store.reminders.due(t(31), 10);
      const [seenByTickB] = store.reminders.due(t(31), 10);
      if (!seenByTickA || !seenByTickB) throw new Error('expected the reminder to be due');
      expect(store.reminders.claim(seenByTickA, t(61), t(31))).toBe(true);
      expect(store.reminders.claim(seenByTickB, t(61), t(31))).toBe(false);
      // A claim is a lease: the counter moves only once the reminder is sent (RemindersRepo.finish).
      expect(store.reminders.get(crisis.id)).toMatchObject({ nextDueAt: t(61), remindersSinceUpdate: 0, lastRemindedAt: t(31) });
      expect(store.reminders.due(t(31), 10)).toEqual([]);
    });

    it('a disabled reminder cannot be claimed', () => {
      const crisis = declare('C1');
      const state = schedule(crisis.id, t(30));
      store.reminders.save({ ...state, enabled: false });
      expect(store.reminders.claim(state, t(60), t(31))).toBe(false);
      expect(store.reminders.get(crisis.id)?.remindersSinceUpdate).toBe(0);
    });

    it('save replaces the schedule of a crisis', () => {
      const crisis = declare('C1');
      const state = schedule(crisis.id, t(30));
      store.reminders.save({ ...state, cadenceMinutes: 5, cadenceSource: 'manual', nextDueAt: t(5) });
      expect(store.reminders.get(crisis.id)).toEqual({ ...state, cadenceMinutes: 5, cadenceSource: 'manual', nextDueAt: t(5) });
    });
  });

  describe('roles', () => {
    it('relieving keeps the history; the same person can hold the role again later', () => {
      const crisis = declare('C1');
      const alice = store.roles.insert(crisis.id, 'spokesperson', 'UALICE', 'UALICE', t(0), ['Agree a holding statement', 'Be the one voice']);
      expect(store.roles.checklist(alice.id).map((i) => i.text)).toEqual(['Agree a holding statement', 'Be the one voice']);
      expect(store.roles.relieve(alice.id, 'ULEAD', t(30))).toBe(true);
      expect(store.roles.relieve(alice.id, 'ULEAD', t(31))).toBe(false);
      const bob = store.roles.insert(crisis.id, 'spokesperson', 'UBOB', 'ULEAD', t(30), []);
      store.roles.relieve(bob.id, 'ULEAD', t(50));
      store.roles.insert(crisis.id, 'spokesperson', 'UALICE', 'ULEAD', t(50), []);

      expect(store.roles.active(crisis.id).map((a) => a.userId)).toEqual(['UALICE']);
      expect(store.roles.history(crisis.id).map((a) => [a.userId, a.assignedAt, a.relievedAt, a.relievedBy])).toEqual([
        ['UALICE', t(0), t(30), 'ULEAD'],
        ['UBOB', t(30), t(50), 'ULEAD'],
        ['UALICE', t(50), null, null],
      ]);
    });

    it('the same person cannot hold the same role twice at once', () => {
      const crisis = declare('C1');
      store.roles.insert(crisis.id, 'support', 'UDAVE', 'UALICE', t(0), []);
      expect(() => store.roles.insert(crisis.id, 'support', 'UDAVE', 'UALICE', t(1), [])).toThrow(UNIQUE_VIOLATION);
      store.roles.insert(crisis.id, 'support', 'UERIN', 'UALICE', t(1), []);
      expect(store.roles.active(crisis.id).map((a) => a.userId)).toEqual(['UDAVE', 'UERIN']);
    });
  });

  describe('processed requests', () => {
    it('firstTime is true once per key', () => {
      expect(store.processed.firstTime('event:Ev1', t(0))).toBe(true);
      expect(store.processed.firstTime('event:Ev1', t(1))).toBe(false);
      expect(store.processed.firstTime('event:Ev2', t(1))).toBe(true);
    });

    it('a released key is handled again on retry', () => {
      store.processed.firstTime('action:A1', t(0));
      store.processed.release('action:A1');
      expect(store.processed.firstTime('action:A1', t(1))).toBe(true);
      expect(store.processed.firstTime('action:A1', t(2))).toBe(false);
    });

    it('prune forgets only keys older than the cut-off', () => {
      store.processed.firstTime('old', t(0));
      store.processed.firstTime('edge', t(60));
      store.processed.firstTime('new', t(90));
      expect(store.processed.prune(t(60))).toBe(1);
      expect(store.processed.firstTime('old', t(100))).toBe(true);
      expect(store.processed.firstTime('edge', t(100))).toBe(false);
      expect(store.processed.firstTime('new', t(100))).toBe(false);
    });
  });
  describe('the outbox', () => {
    const delivery = (crisisId: number, subject: string, target: string, createdAt: string, delivered = false) =>
      store.outbox.addDelivery({ crisisId, statementId: null, subject, target, idempotencyKey: `${subject}|${target}`, createdAt, ...(delivered ? { delivered } : {}) });

    it('writes a delivery once per subject and target; the built-in page is delivered at once, never due', () => {
      const crisis = declare('C1');
      expect(delivery(crisis.id, 'statement:1', 'statuspage', t(1))).toBe(true);
      expect(delivery(crisis.id, 'statement:1', 'statuspage', t(2))).toBe(false);
      expect(delivery(crisis.id, 'statement:1', 'webhook:ops', t(1))).toBe(true);
      expect(delivery(crisis.id, 'statement:1', 'status-page', t(1), true)).toBe(true);
      expect(store.outbox.ofCrisis(crisis.id).map((d) => [d.target, d.state, d.nextAttemptAt, d.attempts, d.claims])).toEqual([
        ['statuspage', 'pending', t(1), 0, 0],
        ['webhook:ops', 'pending', t(1), 0, 0],
        ['status-page', 'delivered', null, 0, 0],
      ]);
      expect(store.outbox.due(t(1), 10).map((d) => d.target)).toEqual(['statuspage', 'webhook:ops']);
      expect(store.outbox.countsByTargetAndState().sort((a, b) => a.target.localeCompare(b.target))).toEqual([
        { target: 'status-page', state: 'delivered', n: 1 },
        { target: 'statuspage', state: 'pending', n: 1 },
        { target: 'webhook:ops', state: 'pending', n: 1 },
      ]);
    });

    it('one sender claims a due delivery; another takes it over only once the lease ran out, and the first can no longer settle it', () => {
      const crisis = declare('C1');
      delivery(crisis.id, 'statement:1', 'statuspage', t(1));
      const [due] = store.outbox.due(t(2), 10);
      if (!due) throw new Error('expected the delivery to be due');
      expect(store.outbox.claim(due.id, t(3), t(2))).toBe(true);
      expect(store.outbox.claim(due.id, t(3), t(2))).toBe(false);
      expect(store.outbox.due(t(2), 10)).toEqual([]);
      // The first sender died: at its lease's end the row is due again, and the next claim counts.
      expect(store.outbox.due(t(3), 10).map((d) => d.id)).toEqual([due.id]);
      expect(store.outbox.claim(due.id, t(5), t(3))).toBe(true);
      expect(store.outbox.get(due.id).claims).toBe(2);
      const done = { state: 'delivered' as const, attempts: 1, createdAt: t(1), nextAttemptAt: null, lastError: null, lastStatus: null, settledAt: t(4), ref: 'inc-1' };
      expect(store.outbox.settle(due.id, t(3), done)).toBe(false);
      expect(store.outbox.settle(due.id, t(5), done)).toBe(true);
      expect(store.outbox.get(due.id)).toMatchObject({ state: 'delivered', ref: 'inc-1', leaseUntil: null, settledAt: t(4) });
      expect(store.outbox.due(t(10), 10)).toEqual([]);
    });

    it('sends the oldest unsettled delivery of a target first, and tells a give-up once', () => {
      const crisis = declare('C1');
      delivery(crisis.id, 'statement:1', 'statuspage', t(1));
      delivery(crisis.id, 'statement:2', 'statuspage', t(2));
      const [first, second] = store.outbox.ofCrisis(crisis.id);
      if (!first || !second) throw new Error('expected two deliveries');
      expect(store.outbox.firstUnsettled(crisis.id, 'statuspage')).toBe(first.id);
      expect(store.outbox.firstUnsettled(crisis.id, 'zendesk')).toBeNull();
      store.outbox.claim(first.id, t(3), t(2));
      store.outbox.settle(first.id, t(3), { state: 'failed', attempts: 5, createdAt: t(1), nextAttemptAt: null, lastError: 'HTTP 500', lastStatus: 500, settledAt: t(2), ref: null });
      expect(store.outbox.firstUnsettled(crisis.id, 'statuspage')).toBe(second.id);
      expect(store.outbox.untold(t(2), 10).map((d) => [d.id, d.lastStatus])).toEqual([[first.id, 500]]);
      expect(store.outbox.claimTell(first.id, t(4), t(2))).toBe(true);
      expect(store.outbox.claimTell(first.id, t(4), t(2))).toBe(false);
      expect(store.outbox.markTold(first.id, t(4), t(3))).toBe(true);
      expect(store.outbox.untold(t(10), 10)).toEqual([]);
    });
  });
});

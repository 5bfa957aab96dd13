/**
 * Issue 10, deadline clocks without Slack or SQL: a clock's state, the alerts one start of it
 * schedules (and which are skipped when planned late), the catch-up that sends one alert per
 * subject after a downtime, typed start times in the crisis zone, who may change clocks, and
 * what the debrief says of each clock.
 */
import { debriefDeadlines, deadlineLine, deadlineTally } from '../../src/features/deadlines/debrief-deadlines';
import {
  assertCanManageDeadlines,
  clockState,
  manualReminders,
  metInTime,
  nextOpenClock,
  planClockAlerts,
  resolveStartTime,
  type DeadlineClock,
} from '../../src/features/deadlines/deadlines';
import { collapseDue, type ScheduledAlert } from '../../src/core/scheduled-alert';
import { CrisisError } from '../../src/core/errors';
import { mrkdwn } from '../../src/slack/views/words';

const T0 = '2026-03-05T09:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function clock(overrides: Partial<DeadlineClock> = {}): DeadlineClock {
  return {
    id: 1,
    crisisId: 1,
    clockId: 'authority',
    label: 'Notify the supervisory authority',
    source: 'playbook',
    dueAfterMinutes: 72 * 60,
    remindBeforeMinutes: [1440, 360, 60],
    startedAt: T0,
    dueAt: at(72 * 60),
    generation: 1,
    doneAt: null,
    doneBy: null,
    createdBy: 'U1',
    createdAt: T0,
    ...overrides,
  };
}

describe('clock state', () => {
  it('running until due, missed once due and not done, done once marked (met only by its due time)', () => {
    expect(clockState(clock(), new Date(at(100)))).toBe('running');
    expect(clockState(clock(), new Date(at(72 * 60)))).toBe('missed');
    expect(clockState(clock({ doneAt: at(80 * 60) }), new Date(at(90 * 60)))).toBe('done');
    expect(metInTime(clock({ doneAt: at(72 * 60) }))).toBe(true);
    expect(metInTime(clock({ doneAt: at(72 * 60 + 1) }))).toBe(false);
    expect(metInTime(clock())).toBe(false);
  });

  it('the next open clock is the one due soonest that is not done', () => {
    const a = clock({ clockId: 'a', dueAt: at(30), doneAt: at(10) });
    const b = clock({ clockId: 'b', dueAt: at(90) });
    const c = clock({ clockId: 'c', dueAt: at(60) });
    expect(nextOpenClock([a, b, c])?.clockId).toBe('c');
    expect(nextOpenClock([a])).toBeUndefined();
  });
});

describe('the alerts of one start of a clock', () => {
  it('a reminder at each reminder time and one when it is missed, all pending, keyed by generation', () => {
    expect(planClockAlerts(clock(), new Date(T0))).toEqual([
      { kind: 'deadline_reminder', subject: 'deadline:authority', key: 'deadline:authority:g1:remind:1440', dueAt: at(48 * 60), state: 'pending', data: { clock_id: 'authority', generation: 1, remind_before: 1440 } },
      { kind: 'deadline_reminder', subject: 'deadline:authority', key: 'deadline:authority:g1:remind:360', dueAt: at(66 * 60), state: 'pending', data: { clock_id: 'authority', generation: 1, remind_before: 360 } },
      { kind: 'deadline_reminder', subject: 'deadline:authority', key: 'deadline:authority:g1:remind:60', dueAt: at(71 * 60), state: 'pending', data: { clock_id: 'authority', generation: 1, remind_before: 60 } },
      { kind: 'deadline_missed', subject: 'deadline:authority', key: 'deadline:authority:g1:missed', dueAt: at(72 * 60), state: 'pending', data: { clock_id: 'authority', generation: 1 } },
    ]);
  });

  it('planned late (a start moved back): only the latest past reminder is still sent, the earlier ones are skipped', () => {
    const states = planClockAlerts(clock({ generation: 2 }), new Date(at(67 * 60))).map((a) => [a.key, a.state]);
    expect(states).toEqual([
      ['deadline:authority:g2:remind:1440', 'skipped'],
      ['deadline:authority:g2:remind:360', 'pending'],
      ['deadline:authority:g2:remind:60', 'pending'],
      ['deadline:authority:g2:missed', 'pending'],
    ]);
  });

  it('planned after the due time: no reminder, only "missed", and not even that when the team was already told', () => {
    const late = new Date(at(80 * 60));
    expect(planClockAlerts(clock(), late).filter((a) => a.state === 'pending').map((a) => a.kind)).toEqual(['deadline_missed']);
    expect(planClockAlerts(clock(), late, { missedAlreadySent: true }).filter((a) => a.state === 'pending')).toEqual([]);
  });

  it('a clock added by hand reminds within its second half, at most three times', () => {
    expect(manualReminders(4 * 60)).toEqual([60, 15]);
    expect(manualReminders(3 * 1440)).toEqual([1440, 240, 60]);
    expect(manualReminders(20)).toEqual([]);
    expect(manualReminders(30)).toEqual([15]);
  });
});

describe('the catch-up: alerts of one subject due together are sent once', () => {
  const alert = (id: number, subject: string, dueAt: string, crisisId = 1): ScheduledAlert => ({
    id,
    crisisId,
    kind: 'deadline_reminder',
    subject,
    key: `${subject}:${id}`,
    dueAt,
    leaseUntil: null,
    state: 'pending',
    data: {},
    createdAt: T0,
    settledAt: null,
  });

  it('sends the latest of each crisis and subject, skips the earlier ones, oldest batch first', () => {
    const batches = collapseDue([
      alert(1, 'deadline:authority', at(10)),
      alert(2, 'deadline:authority', at(30)),
      alert(3, 'deadline:other', at(20)),
      alert(4, 'deadline:authority', at(5), 2),
      alert(5, 'deadline:authority', at(20)),
    ]);
    expect(batches.map((b) => [b.send.id, b.skip.map((s) => s.id)])).toEqual([
      [4, []],
      [3, []],
      [2, [1, 5]],
    ]);
  });
});

describe('start times as people type them', () => {
  const now = new Date('2026-03-05T14:00:00Z');

  it('HH:MM is today in the crisis zone; a date and a time are that moment in the zone', () => {
    expect(resolveStartTime({ time: '08:30' }, now, 'UTC')).toBe('2026-03-05T08:30:00.000Z');
    expect(resolveStartTime({ time: '08:30' }, now, 'Europe/Berlin')).toBe('2026-03-05T07:30:00.000Z');
    expect(resolveStartTime({ date: '2026-03-04', time: '22:15' }, now, 'America/New_York')).toBe('2026-03-05T03:15:00.000Z');
  });

  it('refuses a time ahead of now, more than 30 days back, or one that does not exist', () => {
    expect(() => resolveStartTime({ time: '15:00' }, now, 'UTC')).toThrow(/2026-03-05 15:00 \(UTC\) is in the future\. The start is when the company became aware: now or earlier\. For yesterday, give the date too/);
    expect(() => resolveStartTime({ date: '2026-01-01', time: '10:00' }, now, 'UTC')).toThrow(/more than 30 days ago/);
    // Berlin skips 02:00–03:00 on 29 March 2026.
    expect(() => resolveStartTime({ date: '2026-03-29', time: '02:30' }, new Date('2026-03-30T12:00:00Z'), 'Europe/Berlin')).toThrow(/is not a time/);
  });
});

describe('who may change clocks', () => {
  const crisis = { declaredBy: 'U0DECL' };
  const holders = { lead: ['U0LEAD'], legal: ['U0LEGAL'] };

  it('the lead, legal, the declarer and admins; anyone else is told whom to ask', () => {
    for (const who of ['U0LEAD', 'U0LEGAL', 'U0DECL', 'U0ADMIN']) expect(() => assertCanManageDeadlines(crisis, holders, ['U0ADMIN'], who)).not.toThrow();
    let refused: unknown;
    try {
      assertCanManageDeadlines(crisis, holders, [], 'U0OTHER');
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(CrisisError);
    expect(mrkdwn((refused as CrisisError).message)).toBe(
      'Only the lead, legal, the person who declared this crisis can change the deadline clocks. Ask <@U0LEAD>, <@U0LEGAL>, <@U0DECL>. Nothing changed.',
    );
  });
});

describe('the debrief of clocks', () => {
  const end = at(100 * 60);

  it('met, missed (late or never done), running in an interim report and not done at resolution in a final one', () => {
    const rows = debriefDeadlines(
      [
        clock({ id: 1, clockId: 'early', dueAt: at(60), doneAt: at(30), doneBy: 'U1' }),
        clock({ id: 2, clockId: 'late', dueAt: at(120), doneAt: at(150), doneBy: 'U2' }),
        clock({ id: 3, clockId: 'never', dueAt: at(90) }),
        clock({ id: 4, clockId: 'ahead', dueAt: at(200 * 60) }),
      ],
      end,
      false,
    );
    expect(rows.map((r) => [r.clockId, r.outcome])).toEqual([
      ['early', 'met'],
      ['never', 'missed'],
      ['late', 'missed'],
      ['ahead', 'open'],
    ]);
    expect(debriefDeadlines([clock({ dueAt: at(200 * 60) })], end, true)[0]?.outcome).toBe('running');
    expect(deadlineTally(rows)).toBe('1 met, 2 missed, 1 not done');
  });

  it('says each one in words with its times', () => {
    const show = (iso: string): string => iso.slice(11, 16);
    const [met, missed] = debriefDeadlines([clock({ dueAt: at(60), doneAt: at(30), doneBy: 'U1' }), clock({ id: 2, clockId: 'd1', source: 'manual', label: 'Call the insurer', dueAt: at(90) })], end, false);
    expect(deadlineLine(met!, show, (id) => `@${id}`)).toBe('Met — Notify the supervisory authority (`authority`): started 09:00, due 10:00, done 09:30 by @U1, 30 min early');
    expect(deadlineLine(missed!, show, (id) => id)).toBe('Missed — Call the insurer (`d1`, added by hand): started 09:00, due 10:30, never marked done');
  });
});

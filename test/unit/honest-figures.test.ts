/**
 * Honest figures (issue 16): update punctuality counts due times, not updates posted, so going
 * quiet never looks good. A sev1 with one update on time and then six hours of silence, run
 * through the real reminder tick: the debrief and the report both say "1 of 13 due times", both
 * count the 12 missed, and both name it, in the same words, under "What didn't go well" with the
 * hour that passed with no customer statement. Then the counting rules one by one, the other
 * shortfalls, and the report's SQL agreeing with the debrief's function on random histories.
 */
import fc from 'fast-check';
import type { Crisis } from '../../src/core/crisis';
import { renderReportMarkdown } from '../../src/features/people/report-markdown';
import { missedFirstStatement, shortfallLines } from '../../src/features/record/shortfalls';
import type { TimelineEvent } from '../../src/core/timeline';
import { onTimeText, updatePunctuality } from '../../src/features/updates/update-punctuality';
import { buildDebriefBlocks } from '../../src/features/record/slack/debrief-view';
import { buildReportSummary } from '../../src/features/people/slack/report-view';
import { LEAD, startServicesOn, START, type Fixture } from './services-fixture';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import { sqlEngines } from '../helpers/postgres';
import { useTestStore } from '../helpers/test-store';

let f: Fixture<Db | PostgresSyncDatabase>;

async function declareSev1(title = 'Checkout down'): Promise<Crisis> {
  return (await f.services.declare.declare({ teamId: 'T1', userId: LEAD, title, severity: 'sev1' })).crisis;
}

/** Moves the clock a minute at a time to `minutes` after START, ticking as the scheduler would. */
async function runClockTo(minutes: number): Promise<void> {
  const end = Date.parse(START) + minutes * 60_000;
  while (f.clock.now().getTime() < end) {
    f.clock.advanceMinutes(1);
    await f.services.reminders.tick();
  }
}

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(() => {
    f = startServicesOn(testStore());
  });

  describe('one update on time, then six hours of silence at sev1 (cadence 30 min)', () => {
    let crisis: Crisis;

    beforeEach(async () => {
      crisis = await declareSev1();
      await runClockTo(10);
      await f.services.updates.postUpdate(crisis, LEAD, { text: 'Looking into it' });
      // Due 09:40, 10:10, … 15:10: twelve due times pass with nobody posting.
      await runClockTo(10 + 6 * 60);
    });

    it('the debrief counts every due time: 1 of 13, 12 missed, and says so under "What didn\'t go well"', () => {
      const report = f.services.resolve.report(f.store.crises.get(crisis.id));
      expect(report.metrics).toMatchObject({ updatesPosted: 1, dueTimesMet: 1, dueTimes: 13, missedUpdates: 12, remindersSent: 12, escalations: 11 });
      expect(report.markdown).toContain('- Updates on time: 1 of 13 due times (8%)');
      expect(report.markdown).toContain('- Missed updates: 12');
      const wentBadly = report.markdown.split("## What didn't go well\n\n")[1]?.split('\n\n')[0];
      expect(wentBadly).toBe(
        [
          '- Missed updates: 12 due times of the update clock passed with no update',
          '- No customer statement: 1 sev1 or sev2 crisis open more than an hour with no customer statement published in the first hour',
        ].join('\n'),
      );
      const blocks = JSON.stringify(buildDebriefBlocks(report, 'UTC'));
      expect(blocks).toContain('*Updates on time*\\n1 of 13 due times (8%)');
      expect(blocks).toContain('Missed updates: 12 due times of the update clock passed with no update');
    });

    it('the report counts the same due times and names the same facts in the same words', () => {
      const report = f.services.report.build(30);
      expect(report.updatesOnTime).toEqual({ part: 1, whole: 13 });
      expect(report.shortfalls).toEqual({ missedUpdates: 12, brokenPromises: 0, missedDeadlines: 0, noStatement: 1, withoutLegal: 0 });
      const md = renderReportMarkdown(report, (type) => type);
      expect(md).toContain('- Updates on time: 1 of 13 due times (8%)\n- Missed updates: 12\n');
      const debrief = f.services.resolve.report(f.store.crises.get(crisis.id));
      for (const line of shortfallLines(debrief.shortfalls)) expect(md).toContain(`- ${line}`);
      const summary = JSON.stringify(buildReportSummary({ report, delivered: true, chart: false, warnings: [] }).blocks);
      expect(summary).toContain('*Updates on time*\\n1 of 13 due times (8%)');
      expect(summary).toContain('*Missed updates*\\n12');
    });

    it('an update at last, after the reminder, is late: the due time it answered is counted once', async () => {
      await runClockTo(10 + 6 * 60 + 5);
      await f.services.updates.postUpdate(crisis, LEAD, { text: 'Found it' });
      const debrief = f.services.resolve.report(f.store.crises.get(crisis.id));
      expect(debrief.metrics).toMatchObject({ dueTimesMet: 1, dueTimes: 13, missedUpdates: 12 });
      expect(f.services.report.build(30).updatesOnTime).toEqual({ part: 1, whole: 13 });
    });
  });

  describe('counting due times', () => {
    const T0 = Date.parse('2026-03-02T09:00:00Z');
    const at = (m: number): string => new Date(T0 + m * 60_000).toISOString();
    let id = 0;
    const event = (kind: TimelineEvent['kind'], m: number, data: Record<string, unknown>): { event: TimelineEvent; ms: number } => {
      id += 1;
      return { event: { id, crisisId: 1, kind, occurredAt: at(m), recordedAt: at(m), actorId: null, text: '', data, permalink: null, hidden: false }, ms: T0 + m * 60_000 };
    };
    const update = (m: number, due: number | null) => event('update_posted', m, { status: 'investigating', due_at: due === null ? null : at(due), next_update_at: null });
    const reminder = (m: number) => event('reminder_sent', m, { overdue: false, minutes_since_update: 0 });

    it('an update by its due time meets it, exactly on it included', () => {
      expect(updatePunctuality([update(10, 30), update(40, 40)])).toEqual({ dueTimes: 2, met: 2, missed: 0 });
    });

    it('a late update with no reminder since its due time misses it (the tick had not run yet)', () => {
      expect(updatePunctuality([update(31, 30)])).toEqual({ dueTimes: 1, met: 0, missed: 1 });
    });

    it('every reminder is a due time missed; a late update after one is not counted again', () => {
      expect(updatePunctuality([update(10, 30), reminder(40), reminder(70), update(75, 70)])).toEqual({ dueTimes: 3, met: 1, missed: 2 });
    });

    it('an update with no due time (reminders off) and the due time still ahead count for nothing', () => {
      expect(updatePunctuality([update(10, null)])).toEqual({ dueTimes: 0, met: 0, missed: 0 });
      expect(onTimeText(0, 0)).toBe('n/a (no update fell due)');
      expect(onTimeText(1, 1)).toBe('1 of 1 due time (100%)');
    });
  });

  describe('the other shortfalls', () => {
    it('a sev1 or sev2 open more than an hour owes a statement in its first hour; sev3 and short crises do not', () => {
      const declaredAt = '2026-03-02T09:00:00.000Z';
      const base = { mostSevere: 'sev1' as const, declaredAt, endAt: '2026-03-02T12:00:00.000Z', firstStatementAt: null };
      expect(missedFirstStatement(base)).toBe(true);
      expect(missedFirstStatement({ ...base, firstStatementAt: '2026-03-02T10:00:00.000Z' })).toBe(false);
      expect(missedFirstStatement({ ...base, firstStatementAt: '2026-03-02T10:01:00.000Z' })).toBe(true);
      expect(missedFirstStatement({ ...base, mostSevere: 'sev3' })).toBe(false);
      expect(missedFirstStatement({ ...base, endAt: '2026-03-02T10:00:00.000Z' })).toBe(false);
    });

    it('a crisis lowered to sev3 after an hour at sev1 still owed its statement', async () => {
      const crisis = await declareSev1();
      await runClockTo(70);
      await f.services.updates.setSeverity(f.store.crises.get(crisis.id), LEAD, 'sev3');
      const report = f.services.resolve.report(f.store.crises.get(crisis.id));
      expect(report.shortfalls.noStatement).toBe(1);
      expect(f.services.report.build(30).shortfalls.noStatement).toBe(1);
    });

    it('words each kind, singular and plural, and nothing at all when all went well', () => {
      expect(shortfallLines({ missedUpdates: 0, brokenPromises: 0, missedDeadlines: 0, noStatement: 0, withoutLegal: 0 })).toEqual([]);
      expect(shortfallLines({ missedUpdates: 1, brokenPromises: 2, missedDeadlines: 1, noStatement: 2, withoutLegal: 1 })).toEqual([
        'Missed updates: 1 due time of the update clock passed with no update',
        'Broken promises: 2 promised statements did not come by the time promised',
        'Missed deadlines: 1 deadline clock not met by the time due',
        'No customer statement: 2 sev1 or sev2 crises open more than an hour with no customer statement published in the first hour',
        'Without legal: 1 statement went out approved by the lead standing in for legal',
      ]);
    });
  });

  describe('the report\'s SQL and the debrief\'s function count the same due times', () => {
    it('on random histories of updates and reminders', async () => {
      const base = Date.parse(START);
      const iso = (m: number): string => new Date(base + m * 60_000).toISOString();
      const history = fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant('update' as const), at: fc.integer({ min: 0, max: 600 }), due: fc.option(fc.integer({ min: 0, max: 600 })), hidden: fc.boolean() }),
          fc.record({ kind: fc.constant('reminder' as const), at: fc.integer({ min: 0, max: 600 }), due: fc.constant(null), hidden: fc.boolean() }),
        ),
        { maxLength: 25 },
      );
      await fc.assert(
        fc.asyncProperty(history, async (rows) => {
          // A crisis of its own per history: entries are never deleted (hidden ones keep their versions).
          const crisis = await declareSev1();
          f.db.prepare("DELETE FROM timeline_events WHERE crisis_id = ? AND kind IN ('update_posted', 'reminder_sent')").run(crisis.id);
          for (const row of rows) {
            const event =
              row.kind === 'update'
                ? { kind: 'update_posted' as const, occurredAt: iso(row.at), actorId: LEAD, text: 'u', data: { status: 'investigating' as const, due_at: row.due === null ? null : iso(row.due), next_update_at: null } }
                : { kind: 'reminder_sent' as const, occurredAt: iso(row.at), actorId: null, text: 'r', data: { overdue: false, minutes_since_update: 0 } };
            const stored = f.store.timeline.append(crisis.id, event, iso(row.at));
            if (stored && row.hidden) f.services.timeline.correct(crisis, stored.id, LEAD, { hidden: true });
          }
          const debrief = f.services.resolve.report(f.store.crises.get(crisis.id)).metrics;
          const facts = f.store.reports.facts(iso(-60), iso(700)).get(crisis.id) ?? {};
          expect({ met: facts.dueTimesMet ?? 0, missed: facts.dueTimesMissed ?? 0 }).toEqual({ met: debrief.dueTimesMet, missed: debrief.missedUpdates });
        }),
        { numRuns: 60 },
      );
    });
  });
});

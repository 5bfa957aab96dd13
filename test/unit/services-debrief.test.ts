/**
 * The debrief as the services build it: one build with names rendered into the file afterwards,
 * statements as the timeline holds them (corrected, hidden ones left out), no stale resolution
 * after a reopen, and a report that survives a timeline row whose data does not parse.
 */
import { ADMIN, LEAD, MEMBER, startServicesOn, type Fixture } from './services-fixture';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import { sqlEngines } from '../helpers/postgres';
import { useTestStore } from '../helpers/test-store';

let f: Fixture<Db | PostgresSyncDatabase>;

function lastDebrief() {
  const report = f.notifier.debriefs.at(-1);
  if (!report) throw new Error('no debrief was posted');
  return report;
}

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(() => {
    f = startServicesOn(testStore());
  });

  describe('names in the debrief file', () => {
    it('builds the report once and renders only the Markdown again with names', async () => {
      const crisis = await f.declare();
      f.services.timeline.note(crisis, MEMBER, 'Paged <@U0VENDOR> about the gateway');
      f.notifier.withNames({ [LEAD]: 'Lena Lead', [MEMBER]: 'Max Member', U0VENDOR: 'Vera Vendor' });
      const asked: string[][] = [];
      const lookup = f.notifier.userNames;
      f.notifier.userNames = async (ids) => {
        asked.push([...ids]);
        return lookup ? lookup(ids) : new Map();
      };
      const list = jest.spyOn(f.store.timeline, 'list');

      await f.services.resolve.debrief(crisis, LEAD);

      expect(list).toHaveBeenCalledTimes(1);
      expect(asked).toHaveLength(1);
      expect([...(asked[0] ?? [])].sort()).toEqual([LEAD, MEMBER, 'U0VENDOR'].sort());
      const md = lastDebrief().markdown;
      expect(md).toContain('- Declared by: Lena Lead at 2026-11-26 09:00');
      expect(md).toContain('— Note — Max Member: Paged @Vera Vendor about the gateway');
      expect(md).not.toContain(LEAD);
    });

    it('keeps the ids when names cannot be had', async () => {
      const crisis = await f.declare();
      f.notifier.userNames = async () => {
        throw new Error('users.info is down');
      };
      await f.services.resolve.debrief(crisis, LEAD);
      expect(lastDebrief().markdown).toContain(`- Declared by: ${LEAD} at 2026-11-26 09:00`);
    });
  });

  describe('customer statements in the debrief', () => {
    it('are the statements as published, frozen: a timeline correction of one is refused, and a hidden entry stays in the record of what customers read', async () => {
      const crisis = await f.declare();
      f.clock.advanceMinutes(5);
      const typo = await f.services.statements.draft(crisis, LEAD, { text: 'Some payments fial.' });
      // The lead wrote them, so a crisis admin approves (nobody approves their own words).
      await f.services.statementReview.approve(crisis, ADMIN, typo.statement.number);
      await f.services.statementReview.publish(crisis, LEAD, typo.statement.number, 'status page');
      f.clock.advanceMinutes(5);
      const wrong = await f.services.statements.draft(crisis, LEAD, { text: 'Posted to the wrong audience' });
      await f.services.statementReview.approve(crisis, ADMIN, wrong.statement.number);
      await f.services.statementReview.publish(crisis, LEAD, wrong.statement.number, 'X');
      const [first, second] = f.store.timeline.list(crisis.id).filter((e) => e.kind === 'statement');
      if (!first || !second) throw new Error('statements were not recorded');
      expect(() => f.services.timeline.correct(crisis, first.id, LEAD, { text: 'Some payments fail.' })).toThrow('This is S1 as it was published, and a published statement is never edited');
      f.services.timeline.correct(crisis, second.id, LEAD, { hidden: true });

      await f.services.resolve.debrief(crisis, LEAD);
      const report = lastDebrief();
      expect(report.statements).toEqual([{ id: first.id, at: '2026-11-26T09:05:00.000Z', authorId: LEAD, text: 'Some payments fial.' }]);
      expect(report.metrics.statements).toBe(1);
      expect(report.communications.published.map((p) => [p.number, p.text, p.publishedTo])).toEqual([
        [1, 'Some payments fial.', 'status page'],
        [2, 'Posted to the wrong audience', 'X'],
      ]);
      expect(report.markdown).toContain('  > Some payments fial.\n');
      expect(f.store.statements.list(crisis.id).map((s) => s.text)).toEqual(['Some payments fial.', 'Posted to the wrong audience']);
    });
  });

  describe('a reopened crisis', () => {
    it('drops the old resolution summary; the resolved entry keeps its text', async () => {
      const crisis = await f.declare();
      f.clock.advanceMinutes(30);
      await f.services.resolve.resolve(crisis, LEAD, 'Restarted the gateway');
      f.clock.advanceMinutes(10);
      await f.services.resolve.reopen(crisis, LEAD);

      expect(f.store.crises.get(crisis.id)).toMatchObject({ status: 'investigating', resolvedAt: null, resolutionSummary: null });
      await f.services.resolve.debrief(crisis, LEAD);
      const md = lastDebrief().markdown;
      expect(md).toContain('**Resolution:** Not resolved yet.');
      expect(md).toContain('— Resolved — U0LEAD: Restarted the gateway');

      f.clock.advanceMinutes(20);
      await f.services.resolve.resolve(crisis, LEAD, 'Replaced the certificate');
      await f.services.resolve.debrief(crisis, LEAD);
      expect(lastDebrief().markdown).toContain('**Resolution:** Replaced the certificate');
    });
  });

  describe('a timeline row whose data does not parse', () => {
    it('costs the report one figure, not the timeline or the debrief', async () => {
      const crisis = await f.declare();
      f.clock.advanceMinutes(10);
      await f.services.updates.postUpdate(crisis, LEAD, { text: 'First look' });
      f.clock.advanceMinutes(10);
      await f.services.updates.postUpdate(crisis, LEAD, { text: 'Second look' });
      const first = f.store.timeline.list(crisis.id).find((e) => e.text === 'First look');
      f.db.prepare('UPDATE timeline_events SET data_json = ? WHERE id = ?').run('{"status":"nonsense"', first?.id);

      expect(f.store.timeline.list(crisis.id).map((e) => e.text)).toContain('First look');
      await f.services.resolve.debrief(crisis, LEAD);
      const report = lastDebrief();
      expect(report.metrics.updatesPosted).toBe(2);
      expect(report.metrics.dueTimes).toBe(1);
      expect(report.markdown).toContain('— Update — U0LEAD: First look');
    });
  });
});

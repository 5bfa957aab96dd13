/**
 * The debrief's "Customer communications" section from a scripted crisis with known times, played
 * through the services on a manual clock (T = 09:00 UTC, sev2: every 60 minutes):
 *   T+10  S1 from the pre-approved general `press-holding`, unedited (no free text filled in): approved
 *         at once; published T+12 by the spokesperson to the status page; its text promises the next by 10:10
 *   T+30  S2 by hand; legal approves at T+50 (20 min); published T+55: keeps S1's promise; promises 10:55
 *   T+60  S3 by hand; sent back T+65, edited T+70, approved T+100 (40 min after its draft); published
 *         T+120, after 10:55: S2's promise broken (the alert tick at T+116); S3 promises 12:00
 *   T+150 S4 drafted, never approved; T+165 resolved, before S3's promise was due: ended
 * By hand: first statement +12 min; median draft→approval of S2 and S3: 30 min (S1 by its template);
 * promises 3 made: 1 kept, 1 broken, 1 ended by the resolution; 1 drafted but not published.
 */
import { ADMIN, LEAD, MEMBER, rejection, START, startServicesOn, type Fixture } from './services-fixture';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import { sqlEngines } from '../helpers/postgres';
import { useTestStore } from '../helpers/test-store';
import { communicationsSection } from '../../src/features/statements/slack/debrief-statements-view';
import { debriefCommunications, median } from '../../src/features/statements/debrief-statements';

const LEGAL = 'U0LEGAL';
const VOICE = 'U0VOICE';

let f: Fixture<Db | PostgresSyncDatabase>;

const at = (minutes: number): void => f.clock.set(new Date(Date.parse(START) + minutes * 60_000));

async function scriptedCrisis() {
  const crisis = await f.declare('Checkout down');
  await f.services.roles.assign(crisis, LEAD, LEGAL, 'legal');
  await f.services.roles.assign(crisis, LEAD, VOICE, 'spokesperson');
  const { statements: drafting, statementReview: review } = f.services;

  at(10);
  expect((await drafting.draftFromTemplate(crisis, VOICE, 'press-holding')).statement.state).toBe('approved');
  at(12);
  await review.publish(crisis, VOICE, 1, 'status page');

  at(30);
  await drafting.draft(crisis, MEMBER, { text: 'Checkout fails for some customers; a fix is in progress.' });
  at(50);
  await review.approve(crisis, LEGAL, 2);
  at(55);
  expect((await review.publish(crisis, VOICE, 2, 'status page')).message).toContain('That keeps the promise of S1.');

  at(60);
  await drafting.draft(crisis, MEMBER, { text: 'It was our payment partner.' });
  at(65);
  await review.requestChanges(crisis, LEGAL, 3, 'Do not blame the partner');
  at(70);
  await drafting.edit(crisis, MEMBER, 3, 'A fault in our payment system caused failed checkouts; it is fixed.');
  at(100);
  await review.approve(crisis, LEGAL, 3);
  at(116);
  expect((await f.services.alerts.tick()).sent).toBeGreaterThanOrEqual(1);
  at(120);
  await review.publish(crisis, VOICE, 3, 'email');

  at(150);
  await drafting.draft(crisis, MEMBER, { text: 'One more thing.' });
  at(165);
  await f.services.resolve.resolve(crisis, LEAD, 'Fixed');
  at(170);
  await f.services.resolve.debrief(crisis, LEAD);
  const report = f.notifier.debriefs.at(-1);
  if (!report) throw new Error('no debrief');
  return report;
}

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(() => {
    f = startServicesOn(testStore());
  });

  describe('Customer communications in the debrief', () => {
    it('lists each published statement with author, approver, where and when, and the figures worked out by hand', async () => {
      const report = await scriptedCrisis();
      const c = report.communications;
      expect(c).toMatchObject({
        firstPublishedAt: '2026-11-26T09:12:00.000Z',
        minutesToFirstPublished: 12,
        medianMinutesToApproval: 30,
        reviewedByPeople: 2,
        approvedByTemplate: 1,
        unpublished: 1,
        promises: { made: 3, kept: 1, broken: 1, open: 0, ended: 1 },
      });
      expect(c.published.map((p) => [p.number, p.publishedTo, p.authorId, p.approvedBy, p.approvedAs, p.promise])).toEqual([
        [1, 'status page', VOICE, null, 'template', 'kept'],
        [2, 'status page', MEMBER, LEGAL, 'legal', 'broken'],
        [3, 'email', MEMBER, LEGAL, 'legal', 'ended'],
      ]);

      const md = report.markdown;
      const start = md.indexOf('## Customer communications');
      // To the next heading of the report, whichever section follows.
      const section = md.slice(start, md.indexOf('\n## ', start) + 1);
      expect(section).toBe(
        [
          '## Customer communications',
          '',
          '- First statement published: 2026-11-26 09:12 (12 min after declaration)',
          '- Median time from draft to approval: 30 min (2 reviewed by a person, 1 approved by a pre-approved template)',
          '- Promises of the next statement: 3 made: 1 kept, 1 broken, 1 ended by the resolution',
          '- Drafted but not published: 1',
          '',
          `- S1 — 2026-11-26 09:12, status page (Press): written by ${VOICE}, approved by the pre-approved template \`press-holding\`; promised the next by 2026-11-26 10:10: kept (S2)`,
          '  > We are aware of the issue and our team is working on it as a priority. We will share more information by 10:10 UTC.',
          `- S2 — 2026-11-26 09:55, status page (Customers): written by ${MEMBER}, approved by ${LEGAL} (legal), published by ${VOICE}; promised the next by 2026-11-26 10:55: broken`,
          '  > Checkout fails for some customers; a fix is in progress.',
          `- S3 — 2026-11-26 11:00, email (Customers): written by ${MEMBER}, approved by ${LEGAL} (legal), published by ${VOICE}; promised the next by 2026-11-26 12:00: the crisis was resolved first`,
          '  > A fault in our payment system caused failed checkouts; it is fixed.',
          '',
          '',
        ].join('\n'),
      );
      // The same figures lead the summary in Slack.
      const summary = communicationsSection(report, 'UTC') as { text: { text: string } };
      expect(summary.text.text.split('\n').slice(0, 2)).toEqual([
        '*Customer communications*',
        'First statement: 12 min after declaration · median draft → approval: 30 min · promises: 3 made: 1 kept, 1 broken, 1 ended by the resolution',
      ]);
      expect(summary.text.text).toContain(`• S2 — 2026-11-26 09:55, status page (Customers): written by <@${MEMBER}>, approved by <@${LEGAL}> (legal), published by <@${VOICE}>`);
    });

    it('an interim report counts a promise still running as open, and one past due as broken before its alert went out', async () => {
      const crisis = await f.declare();
      await f.services.roles.assign(crisis, LEAD, VOICE, 'spokesperson');
      at(5);
      await f.services.statements.draft(crisis, MEMBER, { text: 'Looking into it.', nextMinutes: 30 });
      await f.services.statementReview.approve(crisis, LEAD, 1);
      await f.services.statementReview.publish(crisis, VOICE, 1);
      const statements = f.store.statements.list(crisis.id);
      const running = debriefCommunications(statements, START, new Date(Date.parse(START) + 20 * 60_000).toISOString(), true);
      expect(running.promises).toEqual({ made: 1, kept: 0, broken: 0, open: 1, ended: 0 });
      const late = debriefCommunications(statements, START, new Date(Date.parse(START) + 40 * 60_000).toISOString(), true);
      expect(late.promises).toEqual({ made: 1, kept: 0, broken: 1, open: 0, ended: 0 });
      // The lead approved (no legal holder), and it shows.
      expect(late.published[0]).toMatchObject({ approvedBy: LEAD, approvedAs: 'lead' });
      expect(late.medianMinutesToApproval).toBe(0);
    });

    it('median of even and odd counts; a crisis with no statements says so', async () => {
      expect(median([])).toBeNull();
      expect(median([40, 20])).toBe(30);
      expect(median([5, 1, 3])).toBe(3);
      const crisis = await f.declare();
      await f.services.resolve.resolve(crisis, LEAD, 'Nothing to say');
      await f.services.resolve.debrief(crisis, ADMIN);
      const md = f.notifier.debriefs.at(-1)?.markdown ?? '';
      expect(md).toContain('- First statement published: none published\n- Median time from draft to approval: n/a (none reviewed by a person) (0 reviewed by a person, 0 approved by a pre-approved template)\n- Promises of the next statement: none made\n\nNo statement was published.');
      expect(await rejection(f.services.statementReview.approve(crisis, LEAD, 1))).toMatchObject({ code: 'not_found' });
    });
  });
});

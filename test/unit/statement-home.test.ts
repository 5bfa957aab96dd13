/**
 * What issue 11 offers the App Home and the card: the drafts waiting for a person's approval
 * (legal, or the lead where there is no legal holder), the promises a person owes (spokesperson,
 * or the lead while there is none), only in open crises, with the private flag; the Home section
 * built from them (a private crisis shows neither title nor words); the card's statement lines;
 * and the buttons a statement's message carries in each state.
 */
import { buildCrisisCard } from '../../src/features/crisis/slack/crisis-card';
import { buildHomeView } from '../../src/features/people/slack/home';
import { buildStatementMessage } from '../../src/features/statements/slack/statement-messages';
import { LEAD, MEMBER, startServicesOn, type Fixture } from './services-fixture';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import { sqlEngines } from '../helpers/postgres';
import { useTestStore } from '../helpers/test-store';

const LEGAL = 'U0LEGAL';
const VOICE = 'U0VOICE';

let f: Fixture<Db | PostgresSyncDatabase>;

function texts(blocks: unknown): string {
  return JSON.stringify(blocks);
}

async function twoCrises() {
  const open = await f.declare('Checkout down');
  await f.services.roles.assign(open, LEAD, LEGAL, 'legal');
  await f.services.roles.assign(open, LEAD, VOICE, 'spokesperson');
  const secret = (await f.services.declare.declare({ teamId: 'T1', userId: LEAD, title: 'Acme Bank records exposed', isPrivate: true })).crisis;
  await f.services.statements.draft(open, MEMBER, { text: 'We are looking into failed checkouts.' });
  await f.services.statements.draft(secret, MEMBER, { text: 'Acme Bank customers: we are investigating.' });
  return { open, secret };
}

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(() => {
    f = startServicesOn(testStore());
  });

  describe('drafts waiting for approval', () => {
    it('go to legal, or to the lead where there is no legal holder, in open crises, with where they live', async () => {
      const { open, secret } = await twoCrises();
      expect(f.services.statements.draftsAwaitingApproval(LEGAL).map((d) => [d.crisisId, d.statement.number, d.channelId, d.isPrivate, d.title])).toEqual([
        [open.id, 1, open.channelId, false, 'Checkout down'],
      ]);
      // The lead reviews only where there is no legal holder: the private crisis.
      expect(f.services.statements.draftsAwaitingApproval(LEAD).map((d) => [d.crisisId, d.isPrivate])).toEqual([[secret.id, true]]);
      expect(f.services.statements.draftsAwaitingApproval(MEMBER)).toEqual([]);
      // Approved, sent back or resolved: no longer waiting.
      await f.services.statementReview.approve(open, LEGAL, 1);
      await f.services.resolve.resolve(secret, LEAD, 'Contained');
      expect(f.services.statements.draftsAwaitingApproval(LEGAL)).toEqual([]);
      expect(f.services.statements.draftsAwaitingApproval(LEAD)).toEqual([]);
    });
  });

  describe('promises owed', () => {
    it('are the latest published statement\'s pending promise, owed by the spokesperson, or the lead while there is none', async () => {
      const { open, secret } = await twoCrises();
      await f.services.statementReview.approve(open, LEGAL, 1);
      await f.services.statementReview.publish(open, VOICE, 1, 'status page');
      await f.services.statementReview.approve(secret, LEAD, 1);
      await f.services.statementReview.publish(secret, LEAD, 1, 'email');
      expect(f.services.statements.promisesOwedBy(VOICE).map((p) => [p.crisisId, p.statement.number, p.statement.promiseDueAt])).toEqual([[open.id, 1, '2026-11-26T10:00:00.000Z']]);
      expect(f.services.statements.promisesOwedBy(LEAD).map((p) => [p.crisisId, p.isPrivate])).toEqual([[secret.id, true]]);
      expect(f.services.statements.promisesOwedBy(LEGAL)).toEqual([]);

      // The App Home sections built from them. The private crisis is named to its lead, one of its
      // people, and to nobody else.
      f.clock.set('2026-11-26T10:30:00.000Z');
      const home = (userId: string): string => texts(buildHomeView(f.services.home.forUser(userId), 'UTC', f.clock.now()).blocks);
      const forVoice = home(VOICE);
      expect(forVoice).toContain(`next statement after *S1* in <#${open.channelId}> *Checkout down*: due 10:00 UTC (*overdue by 30 min*)`);
      expect(forVoice).toContain('*Drafts waiting for your approval*\\n_None._');
      await f.services.statements.draft(secret, MEMBER, { text: 'Acme Bank: second draft.' });
      const forLead = home(LEAD);
      expect(forLead).toContain(`*S2* in <#${secret.channelId}> *Acme Bank records exposed* by <@${MEMBER}>: “Acme Bank: second draft.”`);
      expect(forLead).toContain(`next statement after *S1* in <#${secret.channelId}> *Acme Bank records exposed*`);
      const forAuthor = home(MEMBER);
      expect(forAuthor).toContain(':lock: _private crisis_');
      expect(forAuthor).not.toContain('Acme Bank');
    });
  });

  describe('the card and the statement message', () => {
    it('the card shows the latest published statement, the promise and the drafts in review; overdue once broken', async () => {
      const { open } = await twoCrises();
      const cardText = (): string => texts(buildCrisisCard(f.services.snapshot(f.store.crises.get(open.id)), 'UTC').blocks);
      expect(cardText()).toContain('*Customer statements*\\n_None published yet._\\n1 draft in review');
      await f.services.statementReview.approve(open, LEGAL, 1);
      f.clock.set('2026-11-26T09:10:00.000Z');
      await f.services.statementReview.publish(open, VOICE, 1, 'status page');
      expect(cardText()).toContain('Latest: *S1* to status page 26 Nov 09:10 UTC: _We are looking into failed checkouts._\\nNext statement promised by *26 Nov 10:10 UTC*');
      f.clock.set('2026-11-26T10:11:00.000Z');
      await f.services.alerts.tick();
      expect(cardText()).toContain(':x: *Overdue:* the next statement was promised by 26 Nov 10:10 UTC');
      // Told in the channel, and the lead by DM.
      expect(f.notifier.promiseAlerts).toBe(2);
      await f.services.resolve.resolve(open, LEAD, 'Fixed');
      expect(cardText()).not.toContain('Overdue');
    });

    it('each state carries its buttons: draft approve/changes/edit, sent back edit, approved publish/changes/edit, published none', async () => {
      const { open } = await twoCrises();
      const buttons = (): string[] => {
        const blocks = buildStatementMessage(f.services.snapshot(open), f.store.statements.byNumber(open.id, 1)!, 'UTC').blocks as Array<{ type: string; elements?: Array<{ action_id?: string }> }>;
        return blocks.filter((b) => b.type === 'actions').flatMap((b) => (b.elements ?? []).map((e) => e.action_id ?? ''));
      };
      expect(buttons()).toEqual(['statement_approve', 'statement_changes', 'statement_edit']);
      await f.services.statementReview.requestChanges(open, LEGAL, 1, 'Shorter');
      expect(buttons()).toEqual(['statement_edit']);
      await f.services.statements.edit(open, MEMBER, 1, 'We are on it.');
      await f.services.statementReview.approve(open, LEGAL, 1);
      expect(buttons()).toEqual(['statement_publish', 'statement_changes', 'statement_edit']);
      await f.services.statementReview.publish(open, VOICE, 1);
      expect(buttons()).toEqual([]);
    });

    it('a statement of many short lines is shown whole, within a section, even when quote marks would not fit', async () => {
      const { open } = await twoCrises();
      const lines = Array.from({ length: 1400 }, () => 'a').join('\n');
      await f.services.statements.draft(open, MEMBER, { text: lines });
      const blocks = buildStatementMessage(f.services.snapshot(open), f.store.statements.byNumber(open.id, 2)!, 'UTC').blocks as Array<{ block_id?: string; text?: { text: string } }>;
      const words = blocks.find((b) => b.block_id === 'statement_text')?.text?.text;
      expect(words).toBe(lines);
      expect(blocks.every((b) => (b.text?.text.length ?? 0) <= 3000)).toBe(true);
      await f.services.statements.draft(open, MEMBER, { text: 'One\nTwo' });
      const short = buildStatementMessage(f.services.snapshot(open), f.store.statements.byNumber(open.id, 3)!, 'UTC').blocks as Array<{ block_id?: string; text?: { text: string } }>;
      expect(short.find((b) => b.block_id === 'statement_text')?.text?.text).toBe('>One\n>Two');
    });
  });
});

/**
 * The statement rules without Slack or a database: who reviews and who publishes (and what each
 * refusal says), which state allows what, when a published statement's promise is due, what a
 * promise came to, a template filled for a crisis, and the promise alerts planned at publishing.
 */
import {
  approveBlocker,
  changesBlocker,
  editBlocker,
  mayEdit,
  mayPublish,
  otherReviewers,
  ownWordsBlocker,
  promiseDueAt,
  promiseOutcome,
  publishBlocker,
  publishRefusal,
  reviewerCapacity,
  reviewRefusal,
  type Statement,
} from '../../src/features/statements/statements';
import { fillStatementTemplate, promiseTimeText, reflow, sameWords, statementTextProblem, wordsDigest } from '../../src/features/statements/statement-text';
import type { Role } from '../../src/core/roles';
import { planPromiseAlerts } from '../../src/features/statements/statement-review';
import { mrkdwn } from '../../src/slack/views/words';

function holders(partial: Partial<Record<Role, string[]>>): Record<Role, string[]> {
  return { lead: [], spokesperson: [], info: [], legal: [], support: [], ...partial };
}

const base = { number: 3, authorId: 'UAUTH', reviewedBy: 'ULEGAL', publishedAt: '2026-01-01T10:00:00.000Z', publishedTo: 'status page' };

describe('who reviews', () => {
  it('legal, a crisis admin, or the lead only while there is no legal holder', () => {
    const withLegal = holders({ lead: ['ULEAD'], legal: ['ULEGAL'] });
    expect(reviewerCapacity(withLegal, ['UADMIN'], 'ULEGAL')).toBe('legal');
    expect(reviewerCapacity(withLegal, ['UADMIN'], 'UADMIN')).toBe('admin');
    expect(reviewerCapacity(withLegal, ['UADMIN'], 'ULEAD')).toBeUndefined();
    expect(reviewerCapacity(holders({ lead: ['ULEAD'] }), [], 'ULEAD')).toBe('lead');
    expect(reviewerCapacity(holders({ lead: ['ULEAD'] }), [], 'UOTHER')).toBeUndefined();
    // Legal who is also an admin acts as legal.
    expect(reviewerCapacity(withLegal, ['ULEGAL'], 'ULEGAL')).toBe('legal');
  });

  it('each refusal names who may', () => {
    expect(mrkdwn(reviewRefusal(holders({ legal: ['ULEGAL'] }), [], 'approve statements').message)).toBe('Only legal (<@ULEGAL>) can approve statements. Nothing changed.');
    expect(mrkdwn(reviewRefusal(holders({ legal: ['ULEGAL'] }), ['UADMIN'], 'approve statements').message)).toBe('Only legal (<@ULEGAL>) or a crisis admin can approve statements. Nothing changed.');
    expect(mrkdwn(reviewRefusal(holders({ lead: ['ULEAD'] }), [], 'approve statements').message)).toBe(
      'Only legal can approve statements. This crisis has no legal holder, so the lead (<@ULEAD>) may; `/crisis assign @person legal` names one. Nothing changed.',
    );
    expect(mrkdwn(reviewRefusal(holders({}), [], 'approve statements').message)).toContain('This crisis has no legal holder and no lead;');
  });

  it('under a playbook that requires legal, the lead never stands in, and the refusal says why', () => {
    const leadOnly = holders({ lead: ['ULEAD'] });
    expect(reviewerCapacity(leadOnly, [], 'ULEAD', true)).toBeUndefined();
    expect(reviewerCapacity(leadOnly, ['UADMIN'], 'UADMIN', true)).toBe('admin');
    expect(reviewerCapacity(holders({ lead: ['ULEAD'], legal: ['ULEGAL'] }), [], 'ULEGAL', true)).toBe('legal');
    expect(mrkdwn(reviewRefusal(leadOnly, ['UADMIN'], 'approve statements', true).message)).toBe(
      "Only legal or a crisis admin can approve statements: this crisis type's playbook requires legal, so the lead does not stand in. This crisis has no legal holder; `/crisis assign @person legal` names one. Nothing changed.",
    );
  });
});

describe('nobody approves their own words', () => {
  const draft = { number: 4, authorId: 'UAUTH', editedBy: null };

  it('the author and the last editor are refused, with who may instead; anyone else is not', () => {
    const h = holders({ lead: ['ULEAD'], legal: ['ULEGAL'] });
    expect(ownWordsBlocker(draft, h, [], false, 'ULEGAL')).toBeUndefined();
    expect(ownWordsBlocker({ ...draft, authorId: 'ULEGAL' }, h, ['UADMIN'], false, 'ULEGAL')?.message).toBe(
      'You drafted S4, and nobody approves their own words. It waits for a crisis admin. Nothing changed.',
    );
    expect(ownWordsBlocker({ ...draft, editedBy: 'ULEGAL' }, h, [], false, 'ULEGAL')?.message).toBe(
      'You edited S4, and nobody approves their own words. Nobody else may approve it now: hand the legal role to someone else (`/crisis handover @person legal`), and they can. Nothing changed.',
    );
    expect(mrkdwn(ownWordsBlocker({ ...draft, authorId: 'UADMIN' }, holders({ legal: ['ULEGAL'] }), ['UADMIN'], false, 'UADMIN')?.message ?? '')).toBe(
      'You drafted S4, and nobody approves their own words. It waits for legal (<@ULEGAL>). Nothing changed.',
    );
  });

  it('the lead standing in for legal included: the draft then waits for legal or an admin', () => {
    const leadOnly = holders({ lead: ['ULEAD'] });
    expect(ownWordsBlocker({ ...draft, authorId: 'ULEAD' }, leadOnly, ['UADMIN'], false, 'ULEAD')?.message).toBe(
      'You drafted S4, and nobody approves their own words, not even the lead standing in for legal. It waits for a legal holder (`/crisis assign @person legal` names one) or a crisis admin. Nothing changed.',
    );
    // Someone else's draft: the lead stands in, and the refusal of the author names the lead.
    expect(ownWordsBlocker(draft, leadOnly, [], false, 'ULEAD')).toBeUndefined();
    expect(mrkdwn(ownWordsBlocker(draft, leadOnly, [], false, 'UAUTH')?.message ?? '')).toBe(
      'You drafted S4, and nobody approves their own words. It waits for a legal holder (`/crisis assign @person legal` names one) or the lead (<@ULEAD>), standing in while there is no legal holder. Nothing changed.',
    );
    expect(otherReviewers(draft, leadOnly, ['UAUTH'], true)).toEqual({ legal: [], lead: [], admins: [] });
  });
});

describe('who publishes', () => {
  it('the spokesperson; the lead only while there is none', () => {
    expect(mayPublish(holders({ lead: ['ULEAD'], spokesperson: ['UVOICE'] }), 'UVOICE')).toBe(true);
    expect(mayPublish(holders({ lead: ['ULEAD'], spokesperson: ['UVOICE'] }), 'ULEAD')).toBe(false);
    expect(mayPublish(holders({ lead: ['ULEAD'] }), 'ULEAD')).toBe(true);
    expect(mayPublish(holders({ lead: ['ULEAD'] }), 'UOTHER')).toBe(false);
    expect(mrkdwn(publishRefusal(holders({ spokesperson: ['UVOICE'] })).message)).toBe('Only the spokesperson (<@UVOICE>) publishes statements: customers hear one voice. Ask them. Nothing changed.');
    expect(publishRefusal(holders({})).message).toContain('this crisis has none, so nobody can publish until someone is lead or spokesperson.');
  });

  it('the author, the spokesperson and the lead may edit', () => {
    const h = holders({ lead: ['ULEAD'], spokesperson: ['UVOICE'], legal: ['ULEGAL'] });
    expect(['UAUTH', 'UVOICE', 'ULEAD', 'ULEGAL', 'UOTHER'].map((u) => mayEdit({ authorId: 'UAUTH' }, h, u))).toEqual([true, true, true, false, false]);
  });
});

describe('what each state allows', () => {
  it('approve: only a draft; publish: only approved; changes: a draft or an approved one; edit: anything not published', () => {
    const states = ['draft', 'changes_requested', 'approved', 'published'] as const;
    const codes = (fn: (s: typeof base & { state: Statement['state'] }) => { code: string } | undefined) => states.map((state) => fn({ ...base, state })?.code ?? 'ok');
    expect(codes(approveBlocker)).toEqual(['ok', 'conflict', 'already_done', 'conflict']);
    expect(codes(changesBlocker)).toEqual(['ok', 'already_done', 'ok', 'conflict']);
    expect(codes(publishBlocker)).toEqual(['conflict', 'conflict', 'ok', 'already_done']);
    expect(codes(editBlocker)).toEqual(['ok', 'ok', 'ok', 'conflict']);
    expect(mrkdwn(publishBlocker({ ...base, state: 'changes_requested' })?.message ?? '')).toBe('S3 was sent back for changes; it must be edited by <@UAUTH> and approved before it is published. Nothing changed.');
  });
});

describe('promises', () => {
  const published = new Date('2026-01-01T10:00:00.000Z');
  it('are due when the text says while it still says so, else `next` or the cadence after publishing', () => {
    const stated = { text: 'Next update by 10:30 UTC.', statedDueAt: '2026-01-01T10:30:00.000Z', statedDueText: '10:30 UTC', nextMinutes: 60 };
    expect(promiseDueAt(stated, published, 45)).toBe('2026-01-01T10:30:00.000Z');
    expect(promiseDueAt({ ...stated, text: 'Next update soon.' }, published, 45)).toBe('2026-01-01T11:00:00.000Z');
    expect(promiseDueAt({ ...stated, text: 'Soon.', nextMinutes: null }, published, 45)).toBe('2026-01-01T10:45:00.000Z');
  });

  it('come to kept, broken, open (interim) or ended (the crisis resolved first)', () => {
    const p = { promiseState: 'pending' as const, promiseDueAt: '2026-01-01T11:00:00.000Z' };
    expect(promiseOutcome(p, '2026-01-01T10:59:00.000Z', true)).toBe('open');
    expect(promiseOutcome(p, '2026-01-01T10:59:00.000Z', false)).toBe('ended');
    expect(promiseOutcome(p, '2026-01-01T11:00:00.000Z', false)).toBe('broken');
    expect(promiseOutcome({ ...p, promiseState: 'kept' }, '2026-01-02T00:00:00.000Z', false)).toBe('kept');
    expect(promiseOutcome({ ...p, promiseState: 'none', promiseDueAt: null }, '2026-01-02T00:00:00.000Z', false)).toBeUndefined();
  });

  it('plan a reminder 10 minutes before (when still ahead), and at the due time the broken alert in the channel and the lead\'s DM, each its own subject', () => {
    const data = { statement: 2, due_at: '2026-01-01T11:00:00.000Z' };
    expect(planPromiseAlerts({ number: 2 }, '2026-01-01T11:00:00.000Z', published)).toEqual([
      { kind: 'promise_reminder', subject: 'promise:S2', key: 'promise:S2:remind', dueAt: '2026-01-01T10:50:00.000Z', data },
      { kind: 'promise_broken', subject: 'promise:S2', key: 'promise:S2:broken', dueAt: '2026-01-01T11:00:00.000Z', data },
      { kind: 'promise_broken_dm', subject: 'promise-dm:S2', key: 'promise:S2:broken-dm', dueAt: '2026-01-01T11:00:00.000Z', data },
    ]);
  });

  it('a promise shorter than the ten minutes\' warning is reminded halfway', () => {
    // Published 10:00: a 5-minute promise is reminded at 10:02:30, a 10-minute one at 10:05, a 1-minute one at 10:00:30.
    const remindAt = (due: string): string | undefined => planPromiseAlerts({ number: 2 }, due, published).find((a) => a.kind === 'promise_reminder')?.dueAt;
    expect(remindAt('2026-01-01T10:05:00.000Z')).toBe('2026-01-01T10:02:30.000Z');
    expect(remindAt('2026-01-01T10:10:00.000Z')).toBe('2026-01-01T10:05:00.000Z');
    expect(remindAt('2026-01-01T10:01:00.000Z')).toBe('2026-01-01T10:00:30.000Z');
    expect(remindAt('2026-01-01T10:11:00.000Z')).toBe('2026-01-01T10:01:00.000Z');
  });
});

describe('the words', () => {
  const now = new Date('2026-03-05T09:05:00.000Z');
  it('a template is filled for the crisis, its YAML line breaks joined, and says what it promises', () => {
    const filled = fillStatementTemplate(
      { text: "We're sorry. {impact} Status: {status}.\nWe'll update you by\n{next_update}.\n\nThanks, {title} team. {unknown}\n" },
      { title: 'Checkout down', status: 'Identified', impact: '', nextDueAt: '2026-03-05T10:05:00.000Z', timeZone: 'UTC', now },
    );
    // With no impact recorded, {impact} says the bot's own sentence: only the title is someone's words.
    expect(filled).toEqual({
      text: "We're sorry. We are still assessing the impact. Status: Identified. We'll update you by 10:05 UTC.\n\nThanks, Checkout down team. {unknown}",
      statedDueAt: '2026-03-05T10:05:00.000Z',
      statedDueText: '10:05 UTC',
      freeWords: [{ placeholder: 'title', text: 'Checkout down' }],
    });
    expect(fillStatementTemplate({ text: 'No time here.' }, { title: 't', status: 's', impact: 'i', nextDueAt: '2026-03-05T10:05:00.000Z', timeZone: 'UTC', now })).toEqual({
      text: 'No time here.',
      statedDueAt: null,
      statedDueText: null,
      freeWords: [],
    });
    expect(
      fillStatementTemplate({ text: '{status}: {title}. {impact}' }, { title: 'Checkout down', status: 'Identified', impact: 'Full refund for all', nextDueAt: '2026-03-05T10:05:00.000Z', timeZone: 'UTC', now }).freeWords,
    ).toEqual([
      { placeholder: 'title', text: 'Checkout down' },
      { placeholder: 'impact', text: 'Full refund for all.' },
    ]);
    expect(reflow('  a\n b \n\n\n c ')).toBe('a b\n\nc');
    // {impact} stands as a sentence: a full stop is added where the impact has none.
    const sorry = (impact: string): string =>
      fillStatementTemplate({ text: "We're sorry. {impact} We're on it." }, { title: 't', status: 's', impact, nextDueAt: '2026-03-05T10:05:00.000Z', timeZone: 'UTC', now }).text;
    expect(sorry('Card payments fail for 12% of checkouts')).toBe("We're sorry. Card payments fail for 12% of checkouts. We're on it.");
    expect(sorry('Some orders are late!')).toBe("We're sorry. Some orders are late! We're on it.");
  });

  it('times for customers: short on the same day, dated otherwise, in the crisis zone', () => {
    expect(promiseTimeText('2026-03-05T10:05:00.000Z', 'UTC', now)).toBe('10:05 UTC');
    expect(promiseTimeText('2026-03-06T08:00:00.000Z', 'UTC', now)).toBe('6 Mar 08:00 UTC');
    // The zone's short name as the runtime's ICU data spells it.
    expect(promiseTimeText('2026-03-05T10:05:00.000Z', 'Europe/Berlin', now)).toMatch(/^11:05 (CET|GMT\+1)$/);
  });

  it('an edit must change a word; the fingerprint ignores spacing; the limits are Slack\'s', () => {
    expect(sameWords('a  b\nc', 'a b c ')).toBe(true);
    expect(sameWords('a b', 'a c')).toBe(false);
    expect(wordsDigest('a  b')).toBe(wordsDigest(' a b\n'));
    expect(wordsDigest('a b')).not.toBe(wordsDigest('a c'));
    expect(statementTextProblem('  ')).toContain('A statement needs some text');
    expect(statementTextProblem('x'.repeat(2800))).toBeUndefined();
    expect(statementTextProblem('x'.repeat(2801))).toContain('2801 characters');
    expect(statementTextProblem('>'.repeat(701))).toContain('but 2804 in Slack');
  });
});

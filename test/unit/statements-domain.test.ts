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
  promiseDueAt,
  promiseOutcome,
  publishBlocker,
  publishRefusal,
  reviewerCapacity,
  reviewRefusal,
  type Statement,
} from '../../src/domain/statements';
import { fillStatementTemplate, promiseTimeText, reflow, sameWords, statementTextProblem, wordsDigest } from '../../src/domain/statement-text';
import type { Role } from '../../src/domain/roles';
import { planPromiseAlerts } from '../../src/services/statement-review';

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
    expect(reviewRefusal(holders({ legal: ['ULEGAL'] }), [], 'approve statements').message).toBe('Only legal (<@ULEGAL>) can approve statements. Nothing changed.');
    expect(reviewRefusal(holders({ legal: ['ULEGAL'] }), ['UADMIN'], 'approve statements').message).toBe('Only legal (<@ULEGAL>) or a crisis admin can approve statements. Nothing changed.');
    expect(reviewRefusal(holders({ lead: ['ULEAD'] }), [], 'approve statements').message).toBe(
      'Only legal can approve statements. This crisis has no legal holder, so the lead (<@ULEAD>) may; `/crisis assign @person legal` names one. Nothing changed.',
    );
    expect(reviewRefusal(holders({}), [], 'approve statements').message).toContain('This crisis has no legal holder and no lead;');
  });
});

describe('who publishes', () => {
  it('the spokesperson; the lead only while there is none', () => {
    expect(mayPublish(holders({ lead: ['ULEAD'], spokesperson: ['UVOICE'] }), 'UVOICE')).toBe(true);
    expect(mayPublish(holders({ lead: ['ULEAD'], spokesperson: ['UVOICE'] }), 'ULEAD')).toBe(false);
    expect(mayPublish(holders({ lead: ['ULEAD'] }), 'ULEAD')).toBe(true);
    expect(mayPublish(holders({ lead: ['ULEAD'] }), 'UOTHER')).toBe(false);
    expect(publishRefusal(holders({ spokesperson: ['UVOICE'] })).message).toBe('Only the spokesperson (<@UVOICE>) publishes statements: customers hear one voice. Ask them. Nothing changed.');
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
    expect(publishBlocker({ ...base, state: 'changes_requested' })?.message).toBe('S3 was sent back for changes; it must be edited by <@UAUTH> and approved before it is published. Nothing changed.');
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

  it('plan a reminder 10 minutes before (when still ahead) and the broken alert at the due time, one subject', () => {
    expect(planPromiseAlerts({ number: 2 }, '2026-01-01T11:00:00.000Z', published)).toEqual([
      { kind: 'promise_reminder', subject: 'promise:S2', key: 'promise:S2:remind', dueAt: '2026-01-01T10:50:00.000Z', data: { statement: 2, due_at: '2026-01-01T11:00:00.000Z' } },
      { kind: 'promise_broken', subject: 'promise:S2', key: 'promise:S2:broken', dueAt: '2026-01-01T11:00:00.000Z', data: { statement: 2, due_at: '2026-01-01T11:00:00.000Z' } },
    ]);
    expect(planPromiseAlerts({ number: 2 }, '2026-01-01T10:05:00.000Z', published).map((a) => a.kind)).toEqual(['promise_broken']);
  });
});

describe('the words', () => {
  const now = new Date('2026-03-05T09:05:00.000Z');
  it('a template is filled for the crisis, its YAML line breaks joined, and says what it promises', () => {
    const filled = fillStatementTemplate(
      { text: "We're sorry. {impact} Status: {status}.\nWe'll update you by\n{next_update}.\n\nThanks, {title} team. {unknown}\n" },
      { title: 'Checkout down', status: 'Identified', impact: '', nextDueAt: '2026-03-05T10:05:00.000Z', timeZone: 'UTC', now },
    );
    expect(filled).toEqual({
      text: "We're sorry. We are still assessing the impact. Status: Identified. We'll update you by 10:05 UTC.\n\nThanks, Checkout down team. {unknown}",
      statedDueAt: '2026-03-05T10:05:00.000Z',
      statedDueText: '10:05 UTC',
    });
    expect(fillStatementTemplate({ text: 'No time here.' }, { title: 't', status: 's', impact: 'i', nextDueAt: '2026-03-05T10:05:00.000Z', timeZone: 'UTC', now })).toEqual({
      text: 'No time here.',
      statedDueAt: null,
      statedDueText: null,
    });
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

/** The FAQ, pure: who may approve (legal or the spokesperson; the lead standing in; admins), and what an entry must hold. */
import { CrisisError } from '../../src/core/errors';
import { assertCanApproveFaq, faqApprovers, faqLabel, validateFaq } from '../../src/features/customer/faq';
import type { Role } from '../../src/core/roles';
import { mrkdwn } from '../../src/slack/views/words';

function holders(partial: Partial<Record<Role, string[]>>): Record<Role, string[]> {
  return { lead: [], spokesperson: [], info: [], legal: [], support: [], ...partial };
}

function refusal(fn: () => unknown): CrisisError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CrisisError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('who may approve', () => {
  const filled = holders({ lead: ['ULEAD'], legal: ['ULEGAL'], spokesperson: ['USPOKE'], support: ['USUP'] });

  it('legal and the spokesperson; the lead, support and others are refused with who may', () => {
    expect(assertCanApproveFaq(filled, [], 'ULEGAL', 'F1')).toBe('holder');
    expect(assertCanApproveFaq(filled, [], 'USPOKE', 'F1')).toBe('holder');
    for (const who of ['ULEAD', 'USUP', 'UOTHER']) {
      const err = refusal(() => assertCanApproveFaq(filled, [], who, 'F3'));
      expect(err.code).toBe('forbidden');
      expect(mrkdwn(err.message)).toBe('Only the legal holder or the spokesperson can approve F3. Ask <@ULEGAL>, <@USPOKE>. Nothing changed.');
    }
  });

  it('a crisis admin, said so in the refusal when admins exist', () => {
    expect(assertCanApproveFaq(filled, ['UADMIN'], 'UADMIN', 'F1')).toBe('admin');
    expect(mrkdwn(refusal(() => assertCanApproveFaq(filled, ['UADMIN'], 'UOTHER', 'F1')).message)).toContain('(or a crisis admin)');
  });

  it('with neither role filled, the lead stands in', () => {
    const leadOnly = holders({ lead: ['ULEAD'] });
    expect(faqApprovers(leadOnly)).toEqual({ holders: ['ULEAD'], leadStandsIn: true });
    expect(assertCanApproveFaq(leadOnly, [], 'ULEAD', 'F1')).toBe('lead');
    expect(mrkdwn(refusal(() => assertCanApproveFaq(leadOnly, [], 'UOTHER', 'F2')).message)).toBe(
      'Only the legal holder or the spokesperson can approve F2; neither role is filled, so the lead stands in. Ask <@ULEAD>. Nothing changed.',
    );
  });

  it('one of the two roles is enough to end the lead\'s stand-in', () => {
    expect(faqApprovers(holders({ lead: ['ULEAD'], spokesperson: ['USPOKE'] }))).toEqual({ holders: ['USPOKE'], leadStandsIn: false });
  });
});

describe('nobody approves their own answer', () => {
  it('the proposer is refused even as legal, the spokesperson or an admin, and told who may', () => {
    const filled = holders({ lead: ['ULEAD'], legal: ['ULEGAL'], spokesperson: ['USPOKE'] });
    expect(mrkdwn(refusal(() => assertCanApproveFaq(filled, ['UADMIN'], 'ULEGAL', 'F2', { proposedBy: 'ULEGAL' })).message)).toBe(
      'You proposed F2, and nobody approves their own words. It waits for legal or the spokesperson (<@USPOKE>) or a crisis admin. Nothing changed.',
    );
    expect(assertCanApproveFaq(filled, [], 'USPOKE', 'F2', { proposedBy: 'ULEGAL' })).toBe('holder');
    // A playbook entry (no proposer) is anyone's to approve.
    expect(assertCanApproveFaq(filled, [], 'ULEGAL', 'F1', { proposedBy: null })).toBe('holder');
  });

  it('the lead standing in included: it waits for legal, the spokesperson or an admin', () => {
    const leadOnly = holders({ lead: ['ULEAD'] });
    expect(mrkdwn(refusal(() => assertCanApproveFaq(leadOnly, ['UADMIN'], 'ULEAD', 'F3', { proposedBy: 'ULEAD' })).message)).toBe(
      'You proposed F3, and nobody approves their own words, not even the lead standing in. It waits for legal or the spokesperson once assigned (`/crisis assign @person legal`) or a crisis admin. Nothing changed.',
    );
  });

  it('under a playbook that requires legal, the lead does not stand in', () => {
    const leadOnly = holders({ lead: ['ULEAD'] });
    expect(faqApprovers(leadOnly, true)).toEqual({ holders: [], leadStandsIn: false });
    expect(mrkdwn(refusal(() => assertCanApproveFaq(leadOnly, [], 'ULEAD', 'F1', { legalRequired: true })).message)).toBe(
      "Only the legal holder or the spokesperson can approve F1; this crisis type's playbook requires legal, so the lead does not stand in (`/crisis assign @person legal`). Nothing changed.",
    );
  });
});

describe('entries', () => {
  it('are labelled F<n>', () => {
    expect(faqLabel(12)).toBe('F12');
  });

  it('need a question and an answer within their limits', () => {
    expect(validateFaq('  Was I charged twice? ', ' Yes. ')).toEqual({ question: 'Was I charged twice?', answer: 'Yes.' });
    expect(() => validateFaq('', 'Yes')).toThrow('separated by `|`');
    expect(() => validateFaq('Q', ' ')).toThrow('separated by `|`');
    expect(() => validateFaq('q'.repeat(301), 'A')).toThrow('keep it to 300');
    expect(() => validateFaq('Q', 'a'.repeat(2001))).toThrow('keep it to 2000');
  });
});

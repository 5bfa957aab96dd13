/**
 * Issue 16, legal sees every word that goes out: which words a template takes from people (the
 * title, the impact; never the status or the time), when legal has seen them (whole, word for word
 * in a statement legal approved), and the parts of a draft to highlight.
 */
import { freeWordsOf, markUnseen, standsIn, unseenWords } from '../../src/features/statements/filled-words';

const REFUND = 'Every affected customer will get a full refund plus a 50 EUR voucher.';

describe('the words a template takes from people', () => {
  it('the title and the impact the template uses, never the status or the time', () => {
    expect(freeWordsOf('{status}: {title}. {impact} Next update by {next_update}.', { title: 'Checkout down', impact: REFUND })).toEqual([
      { placeholder: 'title', text: 'Checkout down' },
      { placeholder: 'impact', text: REFUND },
    ]);
    expect(freeWordsOf('We are on it. Next update by {next_update}.', { title: 'Checkout down', impact: REFUND })).toEqual([]);
    // No impact given (the bot's own sentence fills it): nothing of anyone's.
    expect(freeWordsOf('{impact} More soon.', {})).toEqual([]);
  });
});

describe('what legal has seen', () => {
  it('whole and word for word, spacing, case and a closing full stop aside', () => {
    const approved = 'We are sorry. Every affected customer will get a full refund  plus a 50 EUR\nvoucher, within 14 days.';
    expect(standsIn(REFUND, approved)).toBe(true);
    expect(standsIn('checkout DOWN', 'Investigating: Checkout down.')).toBe(true);
    // Part of a longer word, or other words, is not the same.
    expect(standsIn('Checkout', 'Checkouts fail.')).toBe(false);
    expect(standsIn('a full refund plus a 100 EUR voucher', approved)).toBe(false);
    expect(standsIn('Refund', 'We will not refund twice')).toBe(true);
  });

  it('unseen: the words that stand in none of the approved texts', () => {
    const words = [
      { placeholder: 'title' as const, text: 'Checkout down' },
      { placeholder: 'impact' as const, text: REFUND },
    ];
    expect(unseenWords(words, [])).toEqual(words);
    expect(unseenWords(words, ['Investigating: Checkout down. More soon.'])).toEqual([words[1]]);
    expect(unseenWords(words, ['Checkout down', `Sorry. ${REFUND}`])).toEqual([]);
  });
});

describe('highlighting', () => {
  it('cuts the text where unseen words stand, spacing and case aside; the longest first', () => {
    const text = `Identified: Checkout down. ${REFUND} Next update by 10:05 UTC.`;
    expect(markUnseen(text, [{ placeholder: 'impact', text: REFUND }])).toEqual([
      { text: 'Identified: Checkout down. ', unseen: false },
      { text: REFUND.slice(0, -1), unseen: true },
      { text: '. Next update by 10:05 UTC.', unseen: false },
    ]);
    expect(markUnseen('a b c', [])).toEqual([{ text: 'a b c', unseen: false }]);
    expect(markUnseen('Refund for  checkout\nDOWN users', [{ placeholder: 'title', text: 'checkout down' }, { placeholder: 'impact', text: 'Refund for checkout down users' }])).toEqual([
      { text: 'Refund for  checkout\nDOWN users', unseen: true },
    ]);
  });
});

/**
 * Issue 16: a draft's words as legal reads them, with the filled-in words legal has not seen in
 * bold: escaped like every person's text, bold line by line, and the plain quote when marks would
 * break (the words carry asterisks of their own) or not fit.
 */
import { quotedWithUnseen } from '../../src/features/statements/slack/statement-messages';

describe('the quote with unseen words in bold', () => {
  it('bolds each stretch, escaped, spacing kept outside the marks', () => {
    expect(quotedWithUnseen('Identified: Checkout <down>. Refund & voucher for all. More soon.', [{ placeholder: 'impact', text: 'Refund & voucher for all.' }])).toBe(
      '>Identified: Checkout &lt;down&gt;. *Refund &amp; voucher for all*. More soon.',
    );
  });

  it('bolds line by line when the words run over a line break, and quotes every line', () => {
    expect(quotedWithUnseen('Sorry.\nRefund for\nall. Bye.', [{ placeholder: 'impact', text: 'Refund for all' }])).toBe('>Sorry.\n>*Refund for*\n>*all*. Bye.');
  });

  it('falls back to the plain quote when the words hold asterisks, or the marks do not fit', () => {
    expect(quotedWithUnseen('Note: *all* refunded.', [{ placeholder: 'impact', text: '*all* refunded' }])).toBe('>Note: *all* refunded.');
    expect(quotedWithUnseen('a b', [{ placeholder: 'title', text: 'b' }], 4)).toBe('>a b');
    expect(quotedWithUnseen('a b', [])).toBe('>a b');
  });
});

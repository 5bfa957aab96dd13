/** Parsing the customer-side subcommands: what each becomes, and a refusal saying what is accepted for everything else. */
import { isReadOnlyCommand, isChannelCommand, usageText } from '../../src/slack/commands/parse-command';
import { parsedCommand, parseRefusal } from '../helpers/parsed';
import { splitQuestionAnswer } from '../../src/features/customer/slack/customer-grammar';

const command = parsedCommand;

function refusal(text: string): string {
  return parseRefusal(text).replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

describe('accepted', () => {
  it.each([
    ['impact EU card payments fail &amp; refunds lag', { kind: 'impact', text: 'EU card payments fail & refunds lag' }],
    ['volume 240', { kind: 'volume', count: 240 }],
    ['volume 1,240 zendesk', { kind: 'volume', count: 1240, source: 'zendesk' }],
    ['volume 0 twitter   mentions', { kind: 'volume', count: 0, source: 'twitter mentions' }],
    ['remedy Full refund within 5 days', { kind: 'remedy', text: 'Full refund within 5 days' }],
    ['faq', { kind: 'faq_show' }],
    ['FAQ add Was I charged twice? | Yes &lt;always&gt;', { kind: 'faq_add', question: 'Was I charged twice?', answer: 'Yes <always>' }],
    ['faq add Who do I call? | <@U0DAVE|dave> in legal | or the hotline', { kind: 'faq_add', question: 'Who do I call?', answer: '<@U0DAVE|dave> in legal | or the hotline' }],
    ['approve F3', { kind: 'approve_faq', number: 3 }],
    ['approve f12', { kind: 'approve_faq', number: 12 }],
  ])('`%s`', (text, expected) => {
    expect(command(text)).toEqual(expected);
  });

  it('a question with a mention in it splits on the first | outside the mention', () => {
    expect(splitQuestionAnswer('Ask <@U1|ann>? | yes')).toEqual(['Ask <@U1|ann>? ', ' yes']);
    expect(splitQuestionAnswer('no separator <@U1|x>')).toBeUndefined();
  });

  it('every customer command needs a crisis channel, and none skips de-duplication', () => {
    for (const kind of ['impact', 'volume', 'remedy', 'faq_show', 'faq_add', 'approve_faq'] as const) {
      expect(isChannelCommand(kind)).toBe(true);
      expect(isReadOnlyCommand(kind)).toBe(false);
    }
  });

  it('help lists them under their own heading', () => {
    const help = usageText();
    expect(help).toContain('*Customers and support*');
    for (const verb of ['/crisis impact', '/crisis volume', '/crisis remedy', '/crisis faq add', '/crisis approve F']) expect(help).toContain(verb);
  });
});

describe('refused, saying what is accepted', () => {
  it.each([
    ['impact', 'The impact cannot be empty'],
    [`impact ${'i'.repeat(2001)}`, 'keep it to 2000'],
    ['volume', 'How many? `/crisis volume <N> [source]`'],
    ['volume ten', '`ten` is not a count'],
    ['volume -1', '`-1` is not a count'],
    ['volume 2.5 zendesk', '`2.5` is not a count'],
    ['volume 1,00', '`1,00` is not a count'],
    ['volume 1000000001', 'is too large'],
    [`volume 3 ${'s'.repeat(41)}`, 'The source is 41 characters'],
    ['remedy', 'A remedy cannot be empty'],
    [`remedy ${'r'.repeat(501)}`, 'keep it to 500'],
    ['faq show', '`show` is not an FAQ command'],
    ['faq add', 'separated by `|`'],
    ['faq add just a question', 'separated by `|`'],
    ['faq add  | only an answer', 'separated by `|`'],
    [`faq add Q | ${'a'.repeat(2001)}`, 'keep it to 2000'],
    ['approve', "Approve what? `approve` takes a statement number like `S3` (legal's review of a statement) or an FAQ answer like `F2`"],
    ['approve F', "I can't approve `F`"],
    ['approve F0', "I can't approve `F0`"],
    ['approve 3', "I can't approve `3`"],
    ['approve F1 now', "I can't approve `F1 now`"],
    ['approve Q2', "I can't approve `Q2`. `approve` takes a statement number like `S3` (legal's review of a statement) or an FAQ answer like `F2`"],
    ['approve Fx', 'takes `F<n>` (an FAQ answer), as numbered in the channel, e.g. `/crisis approve F2`'],
  ])('`%s`', (text, expected) => {
    expect(refusal(text)).toContain(expected);
  });
});

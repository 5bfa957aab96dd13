/** Block Kit limits as the emulator enforces them, reported like Slack's `[ERROR] … [json-pointer:…]`. */
import { checkMessageBlocks, checkView } from '../../src/emulator';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const button = (over: Record<string, unknown> = {}) => ({ type: 'button', action_id: 'go', text: plain('Go'), ...over });

describe('checkMessageBlocks', () => {
  it('accepts a typical crisis card', () => {
    expect(
      checkMessageBlocks([
        { type: 'header', text: plain('SEV1: Database down') },
        { type: 'section', text: mrkdwn('*Lead:* <@U0ALICE>'), fields: [mrkdwn('a'), mrkdwn('b')] },
        { type: 'divider' },
        { type: 'context', elements: [mrkdwn('Declared 09:00 UTC')] },
        { type: 'actions', block_id: 'card', elements: [button(), button({ action_id: 'other', style: 'danger' })] },
      ]),
    ).toEqual([]);
  });

  it.each([
    ['an unknown block type', [{ type: 'banner' }], '[ERROR] unsupported type: banner [json-pointer:/blocks/0/type]'],
    ['a mrkdwn header', [{ type: 'header', text: mrkdwn('x') }], '[ERROR] must be plain_text [json-pointer:/blocks/0/text/type]'],
    ['section text over 3000', [{ type: 'section', text: mrkdwn('x'.repeat(3001)) }], '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
    ['11 section fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }], '[ERROR] no more than 10 items allowed [json-pointer:/blocks/0/fields]'],
    ['a field over 2000', [{ type: 'section', fields: [mrkdwn('x'.repeat(2001))] }], '[ERROR] must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]'],
    ['11 context elements', [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }], '[ERROR] no more than 10 items allowed [json-pointer:/blocks/0/elements]'],
    ['26 action elements', [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })) }], '[ERROR] no more than 25 items allowed [json-pointer:/blocks/0/elements]'],
    ['button text over 75', [{ type: 'actions', elements: [button({ text: plain('x'.repeat(76)) })] }], '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]'],
    ['action_id over 255', [{ type: 'actions', elements: [button({ action_id: 'a'.repeat(256) })] }], '[ERROR] must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]'],
    ['button value over 2000', [{ type: 'actions', elements: [button({ value: 'v'.repeat(2001) })] }], '[ERROR] must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]'],
    ['block_id over 255', [{ type: 'divider', block_id: 'b'.repeat(256) }], '[ERROR] must be less than 256 characters [json-pointer:/blocks/0/block_id]'],
    ['a duplicate block_id', [{ type: 'divider', block_id: 'x' }, { type: 'divider', block_id: 'x' }], '[ERROR] duplicate block_id: x [json-pointer:/blocks/1/block_id]'],
    ['an empty section text', [{ type: 'section', text: mrkdwn('') }], '[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]'],
  ])('refuses %s', (_what, blocks, message) => {
    expect(checkMessageBlocks(blocks)).toContain(message);
  });

  it('counts 50 blocks as the most a message may have', () => {
    expect(checkMessageBlocks(Array.from({ length: 50 }, () => ({ type: 'divider' })))).toEqual([]);
    expect(checkMessageBlocks(Array.from({ length: 51 }, () => ({ type: 'divider' })))).toEqual(['[ERROR] no more than 50 items allowed [json-pointer:/blocks]']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(checkMessageBlocks([{ type: 'header', text: plain('🚨'.repeat(150)) }])).toEqual([]);
  });
});

describe('checkView', () => {
  const modal = (over: Record<string, unknown> = {}) => ({ type: 'modal', title: plain('Declare'), blocks: [], ...over });

  it('accepts a modal and a Home tab with up to 100 blocks', () => {
    expect(checkView(modal({ blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })) }))).toEqual([]);
    expect(checkView({ type: 'home', blocks: [] })).toEqual([]);
    expect(checkView({ type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) })).toHaveLength(1);
  });

  it.each([
    ['title over 24', modal({ title: plain('t'.repeat(25)) }), '/view/title/text'],
    ['submit over 24', modal({ submit: plain('s'.repeat(25)) }), '/view/submit/text'],
    ['close over 24', modal({ close: plain('c'.repeat(25)) }), '/view/close/text'],
    ['private_metadata over 3000', modal({ private_metadata: 'm'.repeat(3001) }), '/view/private_metadata'],
    ['callback_id over 255', modal({ callback_id: 'c'.repeat(256) }), '/view/callback_id'],
    ['input blocks without submit', modal({ blocks: [{ type: 'input', label: plain('L'), element: { type: 'plain_text_input', action_id: 'v' } }] }), '/view/submit'],
    ['number_input without is_decimal_allowed', modal({ submit: plain('Go'), blocks: [{ type: 'input', label: plain('N'), element: { type: 'number_input', action_id: 'n' } }] }), '/view/blocks/0/element/is_decimal_allowed'],
  ])('refuses %s', (_what, view, pointer) => {
    expect(checkView(view).join('\n')).toContain(`[json-pointer:${pointer}]`);
  });
});

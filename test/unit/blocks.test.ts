/**
 * The shared Block Kit helpers and the views built on them, at the edges of user text: Slack's
 * escaping undone once and done once, cuts that never split an entity or a mention, plain_text
 * headers shown as typed, and inputs Slack accepts (max_length 1..3000).
 */
import fc from 'fast-check';
import type { KnownBlock, SectionBlock } from '@slack/types';
import type { Crisis } from '../../src/core/crisis';
import type { TimelineEvent } from '../../src/core/timeline';
import type { CrisisSnapshot } from '../../src/core/ports';
import { checkMessageBlocks, checkView } from '../../src/emulator/block-limits';
import { escapeTyped } from '../../src/emulator/driver-payloads';
import { buildActionMessage } from '../../src/features/record/slack/action-message';
import { context, escapeText, fields, section, unescapeSlack } from '../../src/slack/views/blocks';
import { buildChecklistDm } from '../../src/features/roles/slack/checklist-dm';
import { buildCrisisCard } from '../../src/features/crisis/slack/crisis-card';

import { buildTimelineEditModal } from '../../src/features/record/slack/record-modals';
import { buildRolesModal } from '../../src/features/roles/slack/roles-modal';
import { entryTextShown } from '../../src/features/record/slack/record-modals';

const TITLE = 'R&D <EU> outage';
const TITLE_MRKDWN = 'R&amp;D &lt;EU&gt; outage';

function crisis(overrides: Partial<Crisis> = {}): Crisis {
  return {
    id: 7,
    teamId: 'T1',
    channelId: 'C1',
    channelName: 'crisis-20240301-r-d-eu-outage',
    title: TITLE,
    type: 'outage',
    severity: 'sev1',
    status: 'investigating',
    customerImpact: '',
    declaredBy: 'U1',
    declaredAt: '2024-03-01T10:00:00.000Z',
    resolvedAt: null,
    resolutionSummary: null,
    cardTs: null,
    announceChannelId: null,
    announceTs: null,
    isPrivate: false,
    isDrill: false,
    ...overrides,
  };
}

const NOBODY = { lead: ['U1'], spokesperson: [], info: [], legal: [], support: [] };

function snapshot(): CrisisSnapshot {
  return { crisis: crisis(), holders: NOBODY, reminder: undefined };
}

function entry(text: string): TimelineEvent {
  return {
    id: 3,
    crisisId: 7,
    kind: 'message_captured',
    occurredAt: '2024-03-01T10:05:30.000Z',
    recordedAt: '2024-03-01T10:06:00.000Z',
    actorId: 'U2',
    text,
    data: {},
    permalink: null,
    hidden: false,
  };
}

/** A cut that ends inside `&amp;` or `<@U…>` leaves text Slack renders as garbage. */
function endsCleanly(text: string): boolean {
  const body = text.endsWith('…') ? text.slice(0, -1) : text;
  return !/&[a-z]*$/.test(body) && !/<[^>]*$/.test(body);
}

describe('unescapeSlack', () => {
  it('decodes exactly the three entities Slack uses', () => {
    expect(unescapeSlack(TITLE_MRKDWN)).toBe(TITLE);
    expect(unescapeSlack('&quot;a&quot; &#39;b&#39; &nbsp;')).toBe('&quot;a&quot; &#39;b&#39; &nbsp;');
  });

  it('decodes in one pass: a typed "&lt;" stays "&lt;"', () => {
    expect(unescapeSlack('&amp;lt; &amp;amp;')).toBe('&lt; &amp;');
  });

  it('undoes escapeText and the driver\'s Slack escaping for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '&', '<', '>', ';', 'l', 't', 'g', 'm', 'p', ' ') }), (typed) => {
        expect(unescapeSlack(escapeText(typed))).toBe(typed);
        // Without angle brackets there is no token for the driver to keep.
        const plain = typed.replace(/[<>]/g, '');
        expect(unescapeSlack(escapeTyped(plain))).toBe(plain);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the driver escapes typed text as Slack does', () => {
  it('escapes & < > but keeps the tokens the client makes of mentions, channels and broadcasts', () => {
    expect(escapeTyped('R&D <EU> ask <@U0BOB> or <@U0BOB|bob> in <#C1|ops>, <!here>')).toBe(
      'R&amp;D &lt;EU&gt; ask <@U0BOB> or <@U0BOB|bob> in <#C1|ops>, <!here>',
    );
  });
});

describe('section, fields and context cut markup safely', () => {
  const ampersands = `${'x'.repeat(2996)}${'&amp;'.repeat(10)}`;
  const mentions = `${'x'.repeat(2995)}<@U0ALICE> and more`;

  it('section never ends inside an entity or a mention', () => {
    for (const text of [ampersands, mentions]) {
      const cut = section(text).text?.text ?? '';
      expect(cut.length).toBeLessThanOrEqual(3000);
      expect(cut.endsWith('…')).toBe(true);
      expect(endsCleanly(cut)).toBe(true);
    }
    expect(section(mentions).text?.text).toBe(`${'x'.repeat(2995)}…`);
  });

  it('fields and context likewise', () => {
    const field = fields([`${'y'.repeat(1997)}&amp;&amp;`]).fields?.[0]?.text ?? '';
    expect(field).toBe(`${'y'.repeat(1997)}…`);
    const element = context(ampersands).elements[0];
    const text = element && 'text' in element && typeof element.text === 'string' ? element.text : '';
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(endsCleanly(text)).toBe(true);
  });

  it('a follow-up action full of & is cut on a whole entity, within the section limit', () => {
    const message = buildActionMessage({ id: 4, crisisId: 7, text: 'R&D '.repeat(800), ownerId: 'U2', createdBy: 'U1', createdAt: '', doneAt: null, doneBy: null });
    const block = message.blocks[0] as SectionBlock;
    const text = block.text?.text ?? '';
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith('…')).toBe(true);
    expect(endsCleanly(text)).toBe(true);
    expect(block.block_id).toBe('action_4');
    expect(block.accessory).toMatchObject({ type: 'button', action_id: 'action_toggle', value: '4:done' });
    expect(checkMessageBlocks(message.blocks)).toEqual([]);
  });
});

describe('user text is escaped in mrkdwn, shown as typed in plain_text', () => {
  const headerOf = (blocks: KnownBlock[]): string => {
    const header = blocks[0];
    return header?.type === 'header' ? header.text.text : '';
  };

  it('the crisis card: header as typed, text escaped once', () => {
    const card = buildCrisisCard(snapshot(), 'UTC');
    expect(headerOf(card.blocks)).toBe(`:red_circle: SEV1 · ${TITLE}`);
    expect(card.text).toContain(TITLE_MRKDWN);
    expect(card.text).not.toContain('&amp;amp;');
  });

  it('the checklist DM: header as typed, the crisis line escaped', () => {
    const dm = buildChecklistDm({
      snapshot: snapshot(),
      assignment: { id: 1, crisisId: 7, role: 'lead', userId: 'U1', assignedBy: 'U1', assignedAt: '', relievedAt: null, relievedBy: null, dmChannelId: null, dmTs: null },
      items: [],
    });
    expect(headerOf(dm.blocks)).toBe(`You are crisis lead: ${TITLE}`);
    expect(JSON.stringify(dm.blocks[1])).toContain(`*${TITLE_MRKDWN}*`);
  });

  it('the roles modal escapes the title instead of stripping its characters', () => {
    const modal = buildRolesModal(crisis(), NOBODY);
    const first = modal.blocks[0] as SectionBlock;
    expect(first.text?.text).toContain(`Roles for *${TITLE_MRKDWN}*.`);
    expect(checkView(modal)).toEqual([]);
  });
});

describe('the timeline edit modal', () => {
  it('is a view Slack accepts: text input max_length 3000', () => {
    const modal = buildTimelineEditModal(crisis(), entry('Gateway down'), 'Europe/Berlin');
    expect(checkView(modal)).toEqual([]);
    expect(JSON.stringify(modal.blocks[0])).toContain('"max_length":3000');
  });

  it('labels the picker with the viewer\'s own zone, and hints the recorded time in the crisis zone', () => {
    const modal = buildTimelineEditModal(crisis(), entry('Gateway down'), 'Europe/Berlin');
    const time = JSON.stringify(modal.blocks[1]);
    expect(time).toContain('When it happened (shown in your time zone)');
    expect(time).toContain('Recorded as 1 Mar 11:05 CET.');
    expect(time).not.toContain('(Europe/Berlin)');
  });

  it('shows a longer entry cut to what the input holds, and says what it showed', () => {
    const long = entry('z'.repeat(3500));
    const modal = buildTimelineEditModal(crisis(), long, 'UTC');
    expect(checkView(modal)).toEqual([]);
    expect(entryTextShown(long)).toHaveLength(3000);
    expect(JSON.stringify(modal.blocks[0])).toContain(`"initial_value":"${entryTextShown(long)}"`);
    expect(entryTextShown(entry('short'))).toBe('short');
  });
});

describe('the emulator checks text input lengths as Slack does', () => {
  const input = (element: Record<string, unknown>) => ({
    type: 'modal',
    title: { type: 'plain_text', text: 'T' },
    submit: { type: 'plain_text', text: 'Save' },
    blocks: [{ type: 'input', block_id: 'b', label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', action_id: 'a', ...element } }],
  });

  it.each([
    [{ max_length: 4000 }, '[ERROR] must be less than 3001 [json-pointer:/view/blocks/0/element/max_length]'],
    [{ max_length: 0 }, '[ERROR] must be at least 1 [json-pointer:/view/blocks/0/element/max_length]'],
    [{ min_length: 3001 }, '[ERROR] must be less than 3001 [json-pointer:/view/blocks/0/element/min_length]'],
    [{ min_length: -1 }, '[ERROR] must be at least 0 [json-pointer:/view/blocks/0/element/min_length]'],
    [{ max_length: 2.5 }, '[ERROR] must be an integer [json-pointer:/view/blocks/0/element/max_length]'],
    [{ min_length: 20, max_length: 10 }, '[ERROR] min_length must not be greater than max_length [json-pointer:/view/blocks/0/element/min_length]'],
  ])('refuses %j', (element, message) => {
    expect(checkView(input(element))).toEqual([message]);
  });

  it('accepts the bounds', () => {
    expect(checkView(input({ min_length: 0, max_length: 3000 }))).toEqual([]);
    expect(checkView(input({ min_length: 3000, max_length: 3000 }))).toEqual([]);
    expect(checkView(input({ max_length: 1 }))).toEqual([]);
  });
});

/** The debrief summary message: Block Kit limits hold for any crisis size, and user text is escaped. */
import type { KnownBlock } from '@slack/types';
import type { Crisis } from '../../src/core/crisis';
import { buildDebrief } from '../../src/features/record/debrief';
import type { DebriefInput, DebriefReport } from '../../src/features/record/debrief';
import type { FollowUpAction, Lessons } from '../../src/features/record/follow-up';
import type { RoleAssignment } from '../../src/core/roles';
import type { TimelineEvent } from '../../src/core/timeline';
import fc from 'fast-check';
import { checkMessageBlocks } from '../../src/emulator/block-limits';
import { escapeText, link, mention, truncateMarkup } from '../../src/slack/views/blocks';
import { buildDebriefBlocks } from '../../src/features/record/slack/debrief-view';

const DECLARED_AT = '2024-03-01T10:00:00.000Z';
const t = (minutes: number): string => new Date(Date.parse(DECLARED_AT) + minutes * 60_000).toISOString();

/** 3,000 characters of hostile text: pings, markup, entities and emoji (surrogate pairs) everywhere. */
function longText(marker: string): string {
  const chunk = '<!channel> & <@U999|x> <https://evil.example|click> 🔥 *bold* ';
  return `${marker} ${chunk.repeat(60)}`.slice(0, 3000);
}

function crisis(overrides: Partial<Crisis> = {}): Crisis {
  return {
    id: 1,
    teamId: 'T1',
    channelId: 'C1',
    channelName: 'crisis-20240301-checkout',
    title: 'Checkout down',
    type: 'outage',
    severity: 'sev1',
    status: 'resolved',
    customerImpact: 'Customers cannot pay.',
    declaredBy: 'U1',
    declaredAt: DECLARED_AT,
    resolvedAt: t(20_000),
    resolutionSummary: 'Rolled back.',
    cardTs: null,
    announceChannelId: null,
    announceTs: null,
    isPrivate: false,
    isDrill: false,
    ...overrides,
  };
}

/** `count` entries, a minute apart, alternating notes and updates, each text starting `#<index>:`. */
function events(count: number): TimelineEvent[] {
  return Array.from({ length: count }, (_, i): TimelineEvent => {
    const update = i % 2 === 1;
    return {
      id: i + 1,
      crisisId: 1,
      kind: update ? 'update_posted' : 'note',
      occurredAt: t(i),
      recordedAt: t(i),
      actorId: `U${i % 7}`,
      text: longText(`#${i}:`),
      data: update ? { status: 'investigating', due_at: t(i + 30), next_update_at: null } : {},
      permalink: i % 3 === 0 ? `https://example.slack.com/archives/C1/p${i}?thread_ts=1&cid=C1` : null,
      hidden: false,
    };
  });
}

function hugeInput(count: number, overrides: Partial<DebriefInput> = {}): DebriefInput {
  const lessons: Lessons[] = Array.from({ length: 40 }, (_, i) => ({
    id: i,
    crisisId: 1,
    wentWell: longText(`well${i}`),
    wentBadly: longText(`badly${i}`),
    rootCauses: longText(`cause${i}`),
    planChanges: longText(`plan${i}`),
    submittedBy: 'U1',
    submittedAt: t(20_001),
  }));
  const actions: FollowUpAction[] = Array.from({ length: 200 }, (_, i) => ({
    id: i,
    crisisId: 1,
    text: longText(`action${i}`),
    ownerId: i % 2 ? 'U2' : null,
    createdBy: 'U1',
    createdAt: t(20_001),
    doneAt: i % 3 ? null : t(20_002),
    doneBy: i % 3 ? null : 'U1',
  }));
  const assignments: RoleAssignment[] = Array.from({ length: 500 }, (_, i) => ({
    id: i,
    crisisId: 1,
    role: i % 2 ? 'info' : 'lead',
    userId: `U${i}`,
    assignedBy: 'U1',
    assignedAt: t(i),
    relievedAt: i < 498 ? t(i + 2) : null,
    relievedBy: null,
  }));
  const hostileTitle = '<!channel> & <b>'.repeat(10).slice(0, 150);
  return {
    crisis: crisis({ title: hostileTitle, customerImpact: longText('impact'), resolutionSummary: longText('summary') }),
    events: events(count),
    assignments,
    checklist: [],
    actions,
    lessons,
    now: new Date(t(20_000)),
    timeZone: 'Europe/Berlin',
    ...overrides,
  };
}

/** Every mrkdwn/plain text in the blocks, with what limit applies to it; plain_text is not markup. */
function texts(blocks: readonly KnownBlock[]): { where: string; text: string; max: number; plain?: boolean }[] {
  const out: { where: string; text: string; max: number; plain?: boolean }[] = [];
  blocks.forEach((block, i) => {
    if (block.type === 'header') out.push({ where: `${i}/header`, text: block.text.text, max: 150, plain: true });
    if (block.type === 'section') {
      if (block.text) out.push({ where: `${i}/text`, text: block.text.text, max: 3000 });
      block.fields?.forEach((f, j) => out.push({ where: `${i}/fields/${j}`, text: f.text, max: 2000 }));
    }
    if (block.type === 'context') {
      block.elements.forEach((e, j) => {
        if ('text' in e && typeof e.text === 'string') out.push({ where: `${i}/elements/${j}`, text: e.text, max: 3000 });
      });
    }
  });
  return out;
}

/** The limits Slack enforces, and the escaping we promise, as a list of problems (empty when fine). */
function problems(blocks: readonly KnownBlock[]): string[] {
  const found: string[] = [];
  if (blocks.length > 50) found.push(`${blocks.length} blocks`);
  blocks.forEach((block, i) => {
    if (block.type === 'section' && block.fields && (block.fields.length < 1 || block.fields.length > 10)) found.push(`${i}: ${block.fields.length} fields`);
    if (block.type === 'context' && (block.elements.length < 1 || block.elements.length > 10)) found.push(`${i}: ${block.elements.length} elements`);
  });
  for (const { where, text, max, plain } of texts(blocks)) {
    if (text.length < 1 || text.length > max || Array.from(text).length > max) found.push(`${where}: ${text.length} chars`);
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) found.push(`${where}: split surrogate pair`);
    // Slack shows plain_text as is: no entities, no tokens, so nothing there to escape.
    if (plain) continue;
    if (/&(?!amp;|lt;|gt;)/.test(text)) found.push(`${where}: bare or cut entity`);
    // Only our own tokens may use angle brackets: mentions, channel links, links; each closed.
    const tokens = text.match(/<[^>]*(>|$)/g) ?? [];
    for (const token of tokens) {
      if (!/^<(@[A-Z0-9]+|#[A-Z0-9]+|https:\/\/[^|<>\s]+\|[^<>]+)>$/.test(token)) found.push(`${where}: token ${token.slice(0, 40)}`);
    }
  }
  return found;
}

function allText(blocks: readonly KnownBlock[]): string {
  return texts(blocks)
    .map((x) => x.text)
    .join('\n');
}

describe('the limit checker used here', () => {
  it('catches what it is meant to catch', () => {
    const bad: KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } },
      { type: 'section', text: { type: 'mrkdwn', text: 'hi <!channel>' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'cut &am…' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'half \ud83d…' } },
      { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'f' })) },
    ];
    expect(problems(bad)).toHaveLength(5);
  });
});

describe('truncateMarkup', () => {
  it('never exceeds the limit nor cuts an entity, a token or a character in half', () => {
    const piece = fc.oneof(
      fc.string().map(escapeText),
      fc.constantFrom(mention('U12345'), link('https://x.example/a?b=1&c=2', 'a & b'), '🔥', '&amp;'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 1, max: 120 }), (pieces, max) => {
        const cut = truncateMarkup(pieces.join(''), max);
        const wrapped: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: cut.length > 0 ? cut : '-' } }];
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(problems(wrapped)).toEqual([]);
      }),
    );
  });
});

describe('buildDebriefBlocks: limits', () => {
  const cases: [number, DebriefReport][] = [2_000, 10_000].map((n) => [n, buildDebrief(hugeInput(n))]);

  it.each(cases)('keeps a %i-entry crisis with long texts within every limit', (count, report) => {
    const blocks = buildDebriefBlocks(report, 'Europe/Berlin');
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(problems(blocks)).toEqual([]);
    expect(checkMessageBlocks(blocks)).toEqual([]);
    expect(allText(blocks)).toContain(`Full report with ${count} timeline entries in the attached file`);
  });

  it.each(cases)('shows the latest entries of a %i-entry timeline, oldest first', (count, report) => {
    const text = allText(buildDebriefBlocks(report, 'Europe/Berlin'));
    const last = text.indexOf(`#${count - 1}:`);
    const before = text.indexOf(`#${count - 2}:`);
    expect(last).toBeGreaterThan(-1);
    expect(before).toBeGreaterThan(-1);
    expect(before).toBeLessThan(last);
    expect(text).not.toContain('#0:');
    expect(text).toMatch(/\*Timeline\* — the latest \d+ of \d+ entries/);
  });

  it('stays within limits for a tiny crisis too', () => {
    const report = buildDebrief({ ...hugeInput(0), lessons: [], actions: [], assignments: [] });
    const blocks = buildDebriefBlocks(report, 'UTC');
    expect(problems(blocks)).toEqual([]);
    expect(checkMessageBlocks(blocks)).toEqual([]);
    expect(allText(blocks)).toContain('Full report with 0 timeline entries in the attached file');
  });
});

describe('buildDebriefBlocks: content', () => {
  const report = buildDebrief(hugeInput(30));
  const blocks = buildDebriefBlocks(report, 'Europe/Berlin');
  const text = allText(blocks);

  it('escapes user text so <!channel> pings nobody, and shows a mention typed into it without pinging', () => {
    expect(texts(blocks).filter((x) => !x.plain && x.text.includes('<!channel>'))).toEqual([]);
    // Posted to the channel for everyone: a typed mention reads as the name, not a live mention.
    expect(text).toContain('&lt;!channel&gt; &amp; @x &lt;https://evil.example|click&gt;');
    expect(text).not.toContain('<@U999');
    expect(text).not.toContain('<https://evil.example');
  });

  it('names a person mentioned in people\'s text when the notifier knows the name', () => {
    const named = allText(buildDebriefBlocks(report, 'Europe/Berlin', (id) => (id === 'U999' ? 'Nina <Ops> & Co' : undefined)));
    expect(named).toContain('&amp; @Nina &lt;Ops&gt; &amp; Co &lt;https://evil.example');
    expect(named).not.toContain('<@U999');
  });

  it('renders people as mentions and links permalinks', () => {
    expect(text).toContain('<@U1>');
    expect(text).toContain('<https://example.slack.com/archives/C1/p27?thread_ts=1&amp;cid=C1|link>');
  });

  it('heads a final report as an after-action report, with the title as typed (plain_text), cut', () => {
    const header = blocks[0];
    expect(header?.type).toBe('header');
    expect(header?.type === 'header' ? header.text.type : '').toBe('plain_text');
    const title = header?.type === 'header' ? header.text.text : '';
    expect(title.startsWith('After-action report: <!channel> & ')).toBe(true);
    expect(title.length).toBeLessThanOrEqual(150);
    expect(title.endsWith('…')).toBe(true);
  });

  it('heads an interim report as interim', () => {
    const interim = buildDebrief(hugeInput(5, { crisis: crisis({ status: 'investigating', resolvedAt: null, title: 'Checkout down' }) }));
    const b = buildDebriefBlocks(interim, 'UTC');
    expect(b[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Interim after-action report: Checkout down', emoji: true } });
    expect(allText(b)).toContain('INTERIM — the crisis is still open');
  });

  it('shows the figures people look for', () => {
    const small = buildDebrief({
      ...hugeInput(4),
      crisis: crisis(),
      lessons: [],
      actions: [
        { id: 1, crisisId: 1, text: 'Add tests', ownerId: 'U2', createdBy: 'U1', createdAt: t(5), doneAt: null, doneBy: null },
        { id: 2, crisisId: 1, text: 'Runbook', ownerId: null, createdBy: 'U1', createdAt: t(5), doneAt: t(6), doneBy: 'U1' },
      ],
      assignments: [],
    });
    const s = allText(buildDebriefBlocks(small, 'UTC'));
    expect(s).toContain('*Updates posted*\n2');
    expect(s).toContain('*Updates on time*\n2 of 2 due times (100%)');
    expect(s).toContain('*First update*\n2024-03-01 10:01\n+1 min after declaration');
    expect(s).toContain('*Follow-up actions* — 1 open, 1 done');
    expect(s).toContain('Add tests — <@U2>');
    expect(s).toContain('*Crisis lead*: nobody');
    expect(s).toContain('*What went well*\n_None recorded._');
  });
});

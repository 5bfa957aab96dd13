/**
 * `/crisis impact`, `volume` and `remedy` end to end: the card after each (impact, latest volume
 * and its trend, remedies), the history kept in the timeline, the update form's impact field, and
 * bad input on every customer-side command answered with what is accepted and nothing changed.
 */
import type { Crisis } from '../../src/core/crisis';
import { ALICE, BOB, GENERAL, type Harness } from '../helpers/harness';
import { atMinute, blockText, cardOf, runSettled, startCustomerHarness } from './helpers/customer-helpers';
import { settle } from './timeline-fixtures';
import { crisisCommand, declare } from './updates-helpers';

let h: Harness;
let crisis: Crisis;

beforeEach(async () => {
  h = await startCustomerHarness();
  crisis = await declare(h);
});

afterEach(async () => {
  await h.close();
});

const at = (minutes: number): void => atMinute(h, minutes);
const run = (text: string, userId = ALICE): Promise<string> => runSettled(h, crisis, text, userId);

describe('impact', () => {
  it('changes the impact on the card and keeps every version, the declaration\'s included, with who and when', async () => {
    at(10);
    // The crisis was declared with no impact: the first one is set, later ones update it.
    expect(await run('impact EU card payments fail for about 12% of checkouts')).toContain('Customer impact set on the card; each later change is kept in the timeline too.');
    expect(blockText(cardOf(h, crisis), 'card_impact')).toContain('EU card payments fail for about 12% of checkouts');
    expect(JSON.stringify(cardOf(h, crisis).blocks)).toContain('Impact updated');
    at(25);
    expect(await run('impact All card payments fail & refunds are delayed', BOB)).toContain('Customer impact updated on the card; the earlier version is kept in the timeline.');
    const card = blockText(cardOf(h, crisis), 'card_impact') ?? '';
    expect(card).toContain('All card payments fail &amp; refunds are delayed');
    expect(card).not.toContain('12%');
    expect(h.bot.store.impact.list(crisis.id).map((v) => [v.impact, v.changedBy, v.changedAt, v.via])).toEqual([
      ['EU card payments fail for about 12% of checkouts', ALICE, '2026-03-02T09:10:00.000Z', 'command'],
      ['All card payments fail & refunds are delayed', BOB, '2026-03-02T09:25:00.000Z', 'command'],
    ]);
    const rows = h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'impact_changed');
    expect(rows.map((e) => [e.text, e.actorId])).toEqual([
      ['EU card payments fail for about 12% of checkouts', ALICE],
      ['All card payments fail & refunds are delayed', BOB],
    ]);
  });

  it('the update form shows the impact, records a changed one as a new version, and leaves an unchanged one alone', async () => {
    await run('impact Some EU card payments fail');
    const open = async () => {
      const before = h.emu.views().length;
      await h.driver.slashCommand({ userId: ALICE, channelId: crisis.channelId, text: 'update' });
      return h.emu.waitFor(() => h.emu.views()[before]);
    };
    let view = await open();
    const field = (view.payload.blocks as Array<{ block_id?: string; element?: { initial_value?: string } }>).find((b) => b.block_id === 'impact');
    expect(field?.element?.initial_value).toBe('Some EU card payments fail');
    await h.driver.submitView({ userId: ALICE, viewId: view.id, values: { update: 'Still looking', impact: 'Some EU card payments fail', next_update: '60' } });
    await h.emu.waitFor(() => h.bot.store.timeline.list(crisis.id).some((e) => e.kind === 'update_posted'));
    await settle(h);
    expect(h.bot.store.impact.list(crisis.id)).toHaveLength(1);

    view = await open();
    await h.driver.submitView({ userId: ALICE, viewId: view.id, values: { update: 'Worse now', impact: 'All EU card payments fail', next_update: '60' } });
    await h.emu.waitFor(() => h.bot.store.impact.list(crisis.id).length === 2);
    expect(h.bot.store.impact.list(crisis.id)[1]).toMatchObject({ impact: 'All EU card payments fail', via: 'modal', changedBy: ALICE });
    await settle(h);
    expect(blockText(cardOf(h, crisis), 'card_impact')).toContain('All EU card payments fail');
  });

  it('the update form does not undo an impact someone else changed while it was open', async () => {
    await run('impact Some EU card payments fail');
    await h.driver.slashCommand({ userId: ALICE, channelId: crisis.channelId, text: 'update' });
    const view = await h.emu.waitFor(() => h.emu.views()[0]);
    await run('impact All EU card payments fail', BOB);
    await h.driver.submitView({ userId: ALICE, viewId: view.id, values: { update: 'An update', impact: 'Some EU card payments fail', next_update: '60' } });
    await h.emu.waitFor(() => h.bot.store.timeline.list(crisis.id).some((e) => e.kind === 'update_posted'));
    await settle(h);
    expect(h.bot.store.crises.get(crisis.id).customerImpact).toBe('All EU card payments fail');
  });
});

describe('volume', () => {
  it('shows the latest figure and its trend on the card, and keeps each sample in the timeline', async () => {
    at(5);
    expect(await run('volume 120 zendesk')).toContain('Recorded 120 (zendesk)');
    expect(blockText(cardOf(h, crisis), 'card_volume')).toMatch(/120.*\(zendesk\).*first figure/s);
    at(15);
    expect(await run('volume 1,240 zendesk')).toContain('↑ from 120');
    const line = blockText(cardOf(h, crisis), 'card_volume') ?? '';
    expect(line).toContain('1,240');
    expect(line).toContain('↑ rising from 120');
    expect(line).toContain('median of the hour before: 120');
    at(25);
    await run('volume 300 zendesk');
    expect(blockText(cardOf(h, crisis), 'card_volume')).toContain('↓ falling from 1240');
    at(30);
    await run('volume 7');
    expect(blockText(cardOf(h, crisis), 'card_volume')).toMatch(/7.*\(manual\).*first figure/s);
    expect(h.bot.store.volume.list(crisis.id).map((s) => [s.count, s.source, s.recordedBy])).toEqual([
      [120, 'zendesk', ALICE],
      [1240, 'zendesk', ALICE],
      [300, 'zendesk', ALICE],
      [7, 'manual', ALICE],
    ]);
    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'volume_recorded').map((e) => e.text)).toEqual(['120 (zendesk)', '1240 (zendesk)', '300 (zendesk)', '7 (manual)']);
  });

  it('steady within 10%', async () => {
    await run('volume 100 zendesk');
    at(5);
    await run('volume 108 zendesk');
    expect(blockText(cardOf(h, crisis), 'card_volume')).toContain('→ steady from 100');
  });
});

describe('remedy', () => {
  it('lists remedies in the card details, oldest first, and records each in the timeline', async () => {
    expect(await run('remedy Full refund of the duplicate charge')).toContain('Remedy recorded');
    await run('remedy A 10 EUR voucher <for> the trouble', BOB);
    const remedies = blockText(cardOf(h, crisis), 'card_remedies') ?? '';
    expect(remedies).toContain('Full refund of the duplicate charge');
    expect(remedies).toContain('A 10 EUR voucher &lt;for&gt; the trouble');
    expect(remedies.indexOf('Full refund')).toBeLessThan(remedies.indexOf('voucher'));
    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'remedy_added').map((e) => e.actorId)).toEqual([ALICE, BOB]);
  });
});

describe('bad input', () => {
  function stored(): unknown {
    const s = h.bot.store;
    return {
      timeline: s.timeline.list(crisis.id).length,
      impact: s.crises.get(crisis.id).customerImpact,
      versions: s.impact.list(crisis.id).length,
      samples: s.volume.list(crisis.id).length,
      remedies: s.remedies.list(crisis.id).length,
      faq: s.faq.list(crisis.id).length,
      faqStarted: s.faq.message(crisis.id) !== undefined,
    };
  }

  const cases: Array<[string, string]> = [
    ['impact', 'impact cannot be empty'],
    [`impact ${'x'.repeat(2001)}`, 'keep it to 2000'],
    ['volume', '/crisis volume <N> [source]'],
    ['volume lots', 'is not a count'],
    ['volume -5 zendesk', 'is not a count'],
    ['volume 1.5', 'is not a count'],
    ['volume 12e3', 'is not a count'],
    ['volume 99999999999', 'too large'],
    [`volume 12 ${'s'.repeat(41)}`, 'at most 40 characters'],
    ['remedy', 'remedy cannot be empty'],
    [`remedy ${'r'.repeat(501)}`, 'keep it to 500'],
    ['faq list', '/crisis faq add <question> | <answer>'],
    ['faq add Was I charged twice?', 'separated by `|`'],
    ['faq add | Yes, refunded', 'separated by `|`'],
    ['faq add Was I charged twice? |', 'separated by `|`'],
    [`faq add ${'q'.repeat(301)} | yes`, 'keep it to 300'],
    ['approve', "Approve what? `approve` takes a statement number like `S3` (legal's review of a statement) or an FAQ answer like `F2`"],
    ['approve banana', "`approve` takes a statement number like `S3` (legal's review of a statement) or an FAQ answer like `F2`"],
    ['approve F0', 'takes `F<n>` (an FAQ answer)'],
    ['approve F1 F2', 'takes `F<n>` (an FAQ answer)'],
    ['approve X3', "I can't approve `X3`. `approve` takes a statement number like `S3` (legal's review of a statement) or an FAQ answer like `F2`"],
    ['approve F7', 'There is no F7'],
  ];
  const short = (text: string): string => (text.length > 50 ? `${text.slice(0, 30)}… (${text.length} characters)` : text);
  for (const [text, expected] of cases) {
    it(`\`/crisis ${short(text)}\` says what is accepted and changes nothing`, async () => {
      const before = stored();
      const reply = await run(text);
      expect(reply.replace(/&lt;/g, '<').replace(/&gt;/g, '>')).toContain(expected);
      expect(stored()).toEqual(before);
    });
  }

  it.each(['impact Everyone', 'volume 5', 'remedy Refund', 'faq', 'faq add Q | A', 'approve F1'])('`/crisis %s` outside a crisis channel says where it works', async (text) => {
    const reply = await crisisCommand(h, ALICE, GENERAL, text);
    expect(reply.text).toContain('only in a crisis channel');
    expect(h.bot.store.volume.list(crisis.id)).toEqual([]);
  });

  it('the same impact again is refused as no change', async () => {
    await run('impact Card payments fail');
    const before = stored();
    expect(await run('impact Card payments fail')).toContain('already reads exactly that');
    expect(stored()).toEqual(before);
  });

  it('volume on a resolved crisis is refused, as the webhook refuses it', async () => {
    await run('resolve Fixed');
    const before = stored();
    expect(await run('volume 40 zendesk')).toContain('resolved');
    expect(stored()).toEqual(before);
  });
});

/**
 * Issue 4, updates: `/crisis update`, the update modal (from the command, the card and a
 * reminder), status and severity changes with the card and the announcement channel, the
 * cadence commands, and every bad input answered ephemerally with nothing stored.
 */
import { ManualClock } from '../../src/clock';
import type { Crisis } from '../../src/core/crisis';
import type { EmulatedView } from '../../src/emulator';
import { formatTime } from '../../src/slack/views/format';
import { ALICE, ANNOUNCE, BOB, CAROL, startHarness, type Harness } from '../helpers/harness';
import { buttonIds, card, cardNextDue, crisisCommand, declare, events, reminders, storedState, textOf, tick, updates } from './updates-helpers';

const START = '2026-11-26T09:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(START) + minutes * 60_000).toISOString();

let h: Harness;
let crisis: Crisis;

beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock(START) });
  crisis = await declare(h);
});

afterEach(async () => {
  await h.close();
});

function cardUpdates(): number {
  return h.emu.calls('chat.update').filter((c) => c.ok && c.args.ts === h.bot.store.crises.get(crisis.id).cardTs).length;
}

async function openModalByCommand(userId = ALICE): Promise<EmulatedView> {
  const opened = h.emu.views().length;
  const ack = await h.driver.slashCommand({ userId, channelId: crisis.channelId, text: 'update' });
  expect(ack.status).toBe(200);
  return h.emu.waitFor(() => h.emu.views()[opened]);
}

function inputBlocks(view: EmulatedView): { block_id: string; optional?: boolean; element: { type: string; initial_option?: { value: string } } }[] {
  return (view.payload.blocks as { type: string; block_id: string; optional?: boolean; element: { type: string; initial_option?: { value: string } } }[]).filter(
    (b) => b.type === 'input',
  );
}

describe('/crisis update <text>', () => {
  it('posts who, status, severity, the text and the next due time, records it and restarts the clock', async () => {
    h.clock.advanceMinutes(20);
    const cardBefore = cardUpdates();
    const reply = await crisisCommand(h, BOB, crisis.channelId, 'update Card payments failing for ~30% of EU customers; PSP engaged');
    expect(reply.text).toBe('Update posted. Next update due in 1 h.');

    const [posted] = updates(h, crisis.channelId);
    expect(posted).toBeDefined();
    const shown = textOf(posted!);
    expect(shown).toContain(`<@${BOB}>`);
    expect(shown).toContain('Investigating');
    expect(shown).toContain('sev2');
    expect(shown).toContain('Card payments failing for ~30% of EU customers; PSP engaged');
    expect(shown).toContain(`Next update by ${formatTime(at(80), 'UTC')}`);

    const [recorded] = events(h, crisis.id, 'update_posted');
    expect(recorded).toMatchObject({ actorId: BOB, text: 'Card payments failing for ~30% of EU customers; PSP engaged', occurredAt: at(20) });
    expect(recorded!.data).toEqual({ status: 'investigating', due_at: at(60), next_update_at: at(80) });
    expect(h.bot.store.reminders.get(crisis.id)).toMatchObject({ lastUpdateAt: at(20), nextDueAt: at(80), remindersSinceUpdate: 0 });

    // The pinned card was re-rendered with the new due time.
    expect(cardUpdates()).toBe(cardBefore + 1);
    expect(cardNextDue(h, crisis)).toBe(`${formatTime(at(80), 'UTC')} (every 1 h)`);

    // The clock restarted: nothing at the old due time (60), a reminder only at 80.
    h.clock.set(at(79));
    expect((await tick(h)).sent).toBe(0);
    expect(reminders(h, crisis.channelId)).toHaveLength(0);
    h.clock.set(at(80));
    expect((await tick(h)).sent).toBe(1);
  });

  it('keeps the person\'s line breaks and refuses an update outside a crisis channel', async () => {
    await crisisCommand(h, ALICE, crisis.channelId, 'update Line one\nLine two');
    expect(textOf(updates(h, crisis.channelId)[0]!)).toContain('Line one\nLine two');
    const outside = await crisisCommand(h, ALICE, 'C0GENERAL', 'update hello');
    expect(outside.text).toContain('only in a crisis channel');
    expect(events(h, crisis.id, 'update_posted')).toHaveLength(1);
  });

  it('tells the person and records nothing when Slack refuses the post', async () => {
    const before = storedState(h, crisis.id);
    h.emu.failNext('chat.postMessage', 'fatal_error');
    const reply = await crisisCommand(h, ALICE, crisis.channelId, 'update Still looking');
    expect(reply.text).toContain('Your update was not posted');
    expect(reply.text).toContain('Nothing was recorded');
    expect(storedState(h, crisis.id)).toEqual(before);
  });
});

describe('the update modal', () => {
  it('opens from `/crisis update` with status, internal update, optional statement and next update defaulting to the cadence', async () => {
    await crisisCommand(h, ALICE, crisis.channelId, 'remind every 45m');
    const view = await openModalByCommand();
    expect(view.payload.callback_id).toBe('update_modal');
    const inputs = inputBlocks(view);
    expect(inputs.map((b) => b.block_id)).toEqual(['status', 'update', 'statement', 'impact', 'next_update']);
    expect(inputs.find((b) => b.block_id === 'update')?.optional).toBeFalsy();
    expect(inputs.find((b) => b.block_id === 'statement')?.optional).toBe(true);
    expect(inputs.find((b) => b.block_id === 'status')?.element.initial_option?.value).toBe('investigating');
    expect(inputs.find((b) => b.block_id === 'next_update')?.element.initial_option?.value).toBe('45');
  });

  it('posts and records the update and the new status; the customer-facing statement becomes a draft S1 for legal, not a published statement', async () => {
    const view = await openModalByCommand();
    h.clock.advanceMinutes(10);
    const submitted = await h.driver.submitView({
      userId: ALICE,
      viewId: view.id,
      values: { status: 'identified', update: 'Root cause: expired PSP certificate', statement: 'Some card payments are failing. We are fixing it.', next_update: '30' },
    });
    expect(submitted.status).toBe(200);
    const posted = await h.emu.waitFor(() => updates(h, crisis.channelId)[0]);
    const shown = textOf(posted);
    expect(shown).toContain('Identified');
    expect(shown).toContain('Root cause: expired PSP certificate');
    expect(shown).not.toContain('Some card payments are failing');
    expect(shown).toContain(`Next update by ${formatTime(at(40), 'UTC')}`);

    await h.emu.waitFor(() => cardNextDue(h, crisis).startsWith(formatTime(at(40), 'UTC')));
    expect(h.bot.store.crises.get(crisis.id).status).toBe('identified');
    const draft = await h.emu.waitFor(() => {
      const s = h.bot.store.statements.byNumber(crisis.id, 1);
      return s?.messageTs ? s : undefined;
    });
    expect(draft).toMatchObject({ state: 'draft', text: 'Some card payments are failing. We are fixing it.', authorId: ALICE, nextMinutes: 30, templateId: null });
    // Posted after the update, with the buttons legal reviews it with.
    const messages = h.emu.messages(crisis.channelId);
    const draftMessage = messages.find((m) => m.ts === draft.messageTs);
    expect(messages.indexOf(draftMessage!)).toBeGreaterThan(messages.indexOf(posted));
    expect(buttonIds(draftMessage!)).toEqual(['statement_approve', 'statement_changes', 'statement_edit']);
    expect(events(h, crisis.id, 'status_changed').map((e) => e.data)).toEqual([{ from: 'investigating', to: 'identified' }]);
    expect(events(h, crisis.id, 'statement')).toEqual([]);
    expect(events(h, crisis.id, 'statement_drafted').map((e) => e.data)).toEqual([{ statement: 1, audience: 'customers', template_id: null, pre_approved: false, next_minutes: 30 }]);
    expect(events(h, crisis.id, 'update_posted')[0]?.data).toMatchObject({ status: 'identified', next_update_at: at(40) });
    expect(h.bot.store.reminders.get(crisis.id)?.nextDueAt).toBe(at(40));
    expect(textOf(card(h, crisis))).toContain('Identified');
  });

  it('keeps the modal open with a field error for an empty update, and stores nothing', async () => {
    const view = await openModalByCommand();
    const before = storedState(h, crisis.id);
    const submitted = await h.driver.submitView({ userId: ALICE, viewId: view.id, values: { update: '   ', next_update: '60' } });
    expect(submitted.json).toMatchObject({ response_action: 'errors', errors: { update: expect.stringContaining('no news yet') } });
    expect(h.emu.view(view.id)?.open).toBe(true);
    expect(storedState(h, crisis.id)).toEqual(before);
    expect(updates(h, crisis.channelId)).toHaveLength(0);
  });

  it('is the same modal from the card\'s button and from a reminder\'s button', async () => {
    const fromCommand = await openModalByCommand();

    await h.driver.clickButton({ userId: BOB, channelId: crisis.channelId, messageTs: card(h, crisis).ts, actionId: 'card_post_update' });
    const fromCard = await h.emu.waitFor(() => h.emu.views()[1]);

    h.clock.set(at(60));
    await tick(h);
    const [reminder] = reminders(h, crisis.channelId);
    expect(buttonIds(reminder!)).toEqual(['reminder_post_update', 'reminder_snooze_15', 'reminder_snooze_30']);
    await h.driver.clickButton({ userId: CAROL, channelId: crisis.channelId, messageTs: reminder!.ts, actionId: 'reminder_post_update' });
    const fromReminder = await h.emu.waitFor(() => h.emu.views()[2]);

    for (const view of [fromCard, fromReminder]) {
      expect(view.payload.callback_id).toBe(fromCommand.payload.callback_id);
      expect(view.payload.private_metadata).toBe(fromCommand.payload.private_metadata);
      expect(inputBlocks(view).map((b) => b.block_id)).toEqual(inputBlocks(fromCommand).map((b) => b.block_id));
    }
    expect(fromReminder.user).toBe(CAROL);

    // An update from the reminder's modal answers the reminder: the clock restarts from now.
    await h.driver.submitView({ userId: CAROL, viewId: fromReminder.id, values: { update: 'No news yet; PSP still investigating' } });
    await h.emu.waitFor(() => updates(h, crisis.channelId)[0]);
    expect(h.bot.store.reminders.get(crisis.id)).toMatchObject({ lastUpdateAt: at(60), nextDueAt: at(120), remindersSinceUpdate: 0 });
    // It was posted after the reminder, so the debrief counts it late (due at the reminder).
    expect(events(h, crisis.id, 'update_posted')[0]?.data).toMatchObject({ due_at: at(60) });
  });
});

describe('/crisis status', () => {
  it('changes the status, records it, tells the channel and updates the card', async () => {
    const cardBefore = cardUpdates();
    h.clock.advanceMinutes(5);
    const reply = await crisisCommand(h, BOB, crisis.channelId, 'status identified');
    expect(reply.text).toBe('Status is now *Identified*.');
    expect(h.bot.store.crises.get(crisis.id).status).toBe('identified');
    expect(events(h, crisis.id, 'status_changed')).toEqual([expect.objectContaining({ actorId: BOB, occurredAt: at(5), data: { from: 'investigating', to: 'identified' } })]);
    expect(h.emu.messages(crisis.channelId).some((m) => m.text.includes('Status: Investigating → *Identified*'))).toBe(true);
    expect(cardUpdates()).toBe(cardBefore + 1);
    expect(textOf(card(h, crisis))).toContain('*Status*\nIdentified');

    const again = await crisisCommand(h, BOB, crisis.channelId, 'status identified');
    expect(again.text).toContain('already');
    expect(events(h, crisis.id, 'status_changed')).toHaveLength(1);
  });
});

describe('/crisis severity', () => {
  it('changes the severity, announces it, moves a default cadence and updates the card', async () => {
    h.clock.advanceMinutes(10);
    const reply = await crisisCommand(h, ALICE, crisis.channelId, 'severity sev1');
    expect(reply.text).toBe('Severity is now *sev1* (Critical).');
    expect(h.bot.store.crises.get(crisis.id).severity).toBe('sev1');
    const announced = h.emu.messages(ANNOUNCE).filter((m) => m.text.includes('Severity changed'));
    expect(announced).toHaveLength(1);
    expect(announced[0]!.text).toContain('sev2 → *sev1*');
    expect(announced[0]!.text).toContain(`<#${crisis.channelId}>`);

    // sev1's default: every 30 minutes from the last update (the declaration).
    expect(h.bot.store.reminders.get(crisis.id)).toMatchObject({ cadenceMinutes: 30, cadenceSource: 'default', nextDueAt: at(30) });
    expect(events(h, crisis.id, 'severity_changed').map((e) => e.data)).toEqual([{ from: 'sev2', to: 'sev1' }]);
    expect(events(h, crisis.id, 'cadence_changed').map((e) => e.data)).toEqual([{ minutes: 30, source: 'default' }]);
    expect(textOf(card(h, crisis))).toContain('*Severity*\nsev1 (Critical)');
    expect(cardNextDue(h, crisis)).toBe(`${formatTime(at(30), 'UTC')} (every 30 min)`);

    h.clock.set(at(30));
    expect((await tick(h)).sent).toBe(1);
  });

  it('keeps a cadence set by hand', async () => {
    await crisisCommand(h, ALICE, crisis.channelId, 'remind every 45m');
    await crisisCommand(h, ALICE, crisis.channelId, 'severity sev4');
    expect(h.bot.store.reminders.get(crisis.id)).toMatchObject({ cadenceMinutes: 45, cadenceSource: 'manual', nextDueAt: at(45) });
    expect(events(h, crisis.id, 'cadence_changed').map((e) => e.data)).toEqual([{ minutes: 45, source: 'manual' }]);
    const announced = h.emu.messages(ANNOUNCE).filter((m) => m.text.includes('Severity changed'));
    expect(announced).toHaveLength(1);
  });

  it('may be changed only by the lead, the declarer or an admin', async () => {
    const before = storedState(h, crisis.id);
    const reply = await crisisCommand(h, CAROL, crisis.channelId, 'severity sev1');
    expect(reply.text).toContain('Only the lead');
    expect(storedState(h, crisis.id)).toEqual(before);
  });
});

describe('/crisis remind', () => {
  it('sets a cadence in minutes or hours, shows it, and turns it off', async () => {
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'remind')).text).toBe(
      'Updates are due every 1 h (the sev2 default). The next is due in 1 h.',
    );
    h.clock.advanceMinutes(5);
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'remind every 2h')).text).toBe('Updates are due every 2 h.');
    expect(h.bot.store.reminders.get(crisis.id)).toMatchObject({ enabled: true, cadenceMinutes: 120, cadenceSource: 'manual', nextDueAt: at(120) });
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'remind')).text).toBe('Updates are due every 2 h (set by hand). The next is due in 1 h 55 min.');
    expect(cardNextDue(h, crisis)).toBe(`${formatTime(at(120), 'UTC')} (every 2 h)`);

    expect((await crisisCommand(h, ALICE, crisis.channelId, 'remind every 1m')).text).toBe('Updates are due every 1 min.');
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'remind every 24h')).text).toBe('Updates are due every 24 h.');
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'remind every 90m')).text).toBe('Updates are due every 1 h 30 min.');

    expect((await crisisCommand(h, ALICE, crisis.channelId, 'remind off')).text).toBe('Update reminders are off.');
    expect(h.bot.store.reminders.get(crisis.id)?.enabled).toBe(false);
    expect(cardNextDue(h, crisis)).toBe('reminders off');
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'remind')).text).toContain('Update reminders are off');
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'remind off')).text).toContain('already off');

    expect(events(h, crisis.id, 'cadence_changed').map((e) => e.data)).toEqual([
      { minutes: 120, source: 'manual' },
      { minutes: 1, source: 'manual' },
      { minutes: 1440, source: 'manual' },
      { minutes: 90, source: 'manual' },
      { minutes: null, source: 'off' },
    ]);
  });
});

describe('bad input', () => {
  it.each([
    ['remind every 0m', 'between 1 minute and 24 hours'],
    ['remind every 25h', 'between 1 minute and 24 hours'],
    ['remind every 1441m', 'between 1 minute and 24 hours'],
    ['remind every banana', '1 minute to 24 hours'],
    ['remind sometimes', '1 minute to 24 hours'],
    ['status resolved', '`/crisis resolve'],
    ['status fixed', '`fixed` is not a status'],
    ['status', 'investigating'],
    ['severity sev5', '`sev5` is not a severity'],
    ['severity banana', '`banana` is not a severity'],
  ])('`/crisis %s` is answered ephemerally and changes nothing', async (text, expected) => {
    const before = storedState(h, crisis.id);
    const messagesBefore = h.emu.messages(crisis.channelId).length;
    const reply = await crisisCommand(h, ALICE, crisis.channelId, text);
    expect(reply.fromAck).toBe(true);
    expect(reply.text).toContain(expected);
    expect(storedState(h, crisis.id)).toEqual(before);
    expect(h.emu.messages(crisis.channelId)).toHaveLength(messagesBefore);
  });

  it('an update too long for Slack is refused, nothing stored', async () => {
    const before = storedState(h, crisis.id);
    const reply = await crisisCommand(h, ALICE, crisis.channelId, `update ${'x'.repeat(2801)}`);
    expect(reply.text).toContain('keep it to 2800');
    expect(storedState(h, crisis.id)).toEqual(before);
  });

  it('an empty update through the service is refused with a clear message', async () => {
    const before = storedState(h, crisis.id);
    await expect(h.bot.services.updates.postUpdate(crisis, ALICE, { text: '  \n ' })).rejects.toThrow('An update needs some text');
    expect(storedState(h, crisis.id)).toEqual(before);
  });
});

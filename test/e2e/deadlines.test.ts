/**
 * Issue 10, deadline clocks end to end: a recall's 24-hour regulator clock on the card and in
 * `deadlines`, its typed checklists, restarting and marking clocks (and everything refused, with
 * nothing changed), clocks added by hand; a breach's 72-hour clock reminding the channel, surviving
 * a restart, one catch-up after a downtime through the scheduler's start-up tick, and silence once
 * resolved; the debrief lists each clock met or missed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../src/clock';
import type { Crisis } from '../../src/core/crisis';
import { formatTime } from '../../src/slack/views/format';
import { ALICE, BOB, DAVE, ERIN, startHarness, type Harness } from '../helpers/harness';
import { readable } from './helpers/declare-helpers';
import { card, crisisCommand, declare, textOf } from './updates-helpers';

const START = '2026-03-05T09:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(START) + minutes * 60_000).toISOString();
const H = 60;

let h: Harness;
afterEach(async () => {
  await h.close();
  fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
});

/** Everything stored about a crisis's clocks, to prove a refusal changed nothing. */
function clockState(crisis: Crisis): string {
  const { store } = h.bot;
  return JSON.stringify([store.deadlines.list(crisis.id), store.alerts.ofCrisis(crisis.id), store.timeline.list(crisis.id).length]);
}

function deadlineAlerts(channelId: string): string[] {
  return h.emu.messages(channelId).filter((m) => (m.blocks ?? []).some((b) => (b as { block_id?: string }).block_id === 'deadline_alert')).map((m) => textOf(m));
}

describe('a recall: its clock, its checklists and the deadline commands', () => {
  let crisis: Crisis;
  beforeEach(async () => {
    h = await startHarness({ clock: new ManualClock(START) });
    crisis = await declare(h, 'declare recall: Kettle K2 overheating');
  });

  it('starts the 24-hour regulator clock, shows it on the card and in `deadlines`, and gives the type\'s checklists', async () => {
    expect(crisis).toMatchObject({ type: 'recall', severity: 'sev1', title: 'Kettle K2 overheating' });
    const shown = textOf(card(h, crisis));
    expect(shown).toContain('*Type*\nProduct recall');
    expect(shown).toContain(`*Next deadline*\nReport to the product-safety regulator (US CPSC expects it within 24 hours of knowing) — due ${formatTime(at(24 * H), 'UTC')} (\`regulator\`)`);
    expect(readable(h.emu.dmsTo(ALICE)[0])).toContain('Confirm with quality the affected product, models and batch/lot numbers');

    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${ERIN}> support`);
    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${BOB}> legal`);
    expect(readable(h.emu.dmsTo(ERIN)[0])).toContain('Check the batch/lot number on every contact before answering');
    expect(readable(h.emu.dmsTo(ERIN)[0])).toContain('Explain the returns process');
    expect(readable(h.emu.dmsTo(BOB)[0])).toContain('Report to the product-safety regulator within 24 h (US CPSC, 15(b))');

    h.clock.set(at(30));
    const list = await h.driver.slashCommand({ userId: DAVE, channelId: crisis.channelId, text: 'deadlines' });
    const listed = readable(list.json);
    expect(listed).toContain('`regulator` *Report to the product-safety regulator (US CPSC expects it within 24 hours of knowing)*');
    expect(listed).toContain(`due ${formatTime(at(24 * H), 'UTC', new Date(at(30)))} · :hourglass_flowing_sand: running: due in 23 h 30 min`);
  });

  it('deadline start moves the clock to when the company became aware; done marks it met; add makes d1', async () => {
    h.clock.set(at(60));
    const started = await crisisCommand(h, ALICE, crisis.channelId, 'deadline start regulator 08:15');
    expect(started.text).toBe(`Clock \`regulator\` restarted from 08:15 UTC: *Report to the product-safety regulator (US CPSC expects it within 24 hours of knowing)* is now due 6 Mar 08:15 UTC (in 22 h 15 min).`);
    expect(h.bot.store.deadlines.find(crisis.id, 'regulator')).toMatchObject({ startedAt: '2026-03-05T08:15:00.000Z', dueAt: '2026-03-06T08:15:00.000Z', generation: 2 });
    await h.emu.waitFor(() => textOf(card(h, crisis)).includes('due 6 Mar 08:15 UTC'));

    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${BOB}> legal`);
    h.clock.set(at(5 * H));
    const done = await crisisCommand(h, BOB, crisis.channelId, 'deadline done REGULATOR');
    expect(done.text).toContain('Clock `regulator` met: *Report to the product-safety regulator');
    expect(done.text).toContain('done 18 h 15 min before its due time. Its reminders are stopped.');
    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'deadline_done').map((e) => [e.actorId, e.data])).toEqual([
      [BOB, { clock_id: 'regulator', due_at: '2026-03-06T08:15:00.000Z', met: true }],
    ]);

    const added = await crisisCommand(h, ALICE, crisis.channelId, 'deadline add Call the insurer in 4h');
    expect(added.text).toBe('Clock `d1` added: *Call the insurer* due 18:00 UTC (in 4 h). Reminders 1 h, 15 min before, and when it passes unmet. `/crisis deadline done d1` once it is done.');
    await h.emu.waitFor(() => textOf(card(h, crisis)).includes('*Next deadline*\nCall the insurer'));
    const listed = readable((await h.driver.slashCommand({ userId: ALICE, channelId: crisis.channelId, text: 'deadlines' })).json);
    expect(listed).toContain(`:white_check_mark: done 14:00 UTC by <@${BOB}>`);
    expect(listed).toContain('`d1` *Call the insurer*');
  });

  it('refuses bad input with what is accepted, and changes nothing', async () => {
    h.clock.set(at(60));
    await crisisCommand(h, ALICE, crisis.channelId, 'deadline done regulator');
    await crisisCommand(h, ALICE, crisis.channelId, 'deadline add Call the insurer in 4h');
    const before = clockState(crisis);
    const cases: Array<[string, string, string]> = [
      [ALICE, 'deadline start d1 25:99', '`25:99` is not a time. Give the time as `HH:MM` (00:00 to 23:59, in the crisis time zone) or a date and a time, `YYYY-MM-DD HH:MM`'],
      [ALICE, 'deadline start d1 2026-02-30 10:00', '`2026-02-30` is not a date.'],
      [ALICE, 'deadline start d1 yesterday', '`yesterday` is not a time.'],
      [ALICE, 'deadline start d1 23:00', '2026-03-05 23:00 (UTC) is in the future. The start is when the company became aware: now or earlier.'],
      [ALICE, 'deadline start nope', 'There is no clock `nope` in this crisis. The running clocks: `d1`.'],
      [ALICE, 'deadline done nope', 'There is no clock `nope` in this crisis.'],
      [ALICE, 'deadline done regulator', 'Clock `regulator` (Report to the product-safety regulator (US CPSC expects it within 24 hours of knowing)) was already marked done at 2026-03-05 10:00 (UTC)'],
      [ALICE, 'deadline start regulator', 'was already marked done'],
      [ALICE, 'deadline add Call the bank', 'Say when it is due. Add a clock with `/crisis deadline add <label> in <N>m|<N>h|<N>d`'],
      [ALICE, 'deadline add Call the bank in soon', '`soon` is not a duration.'],
      [ALICE, 'deadline add Call the bank in 0h', 'A clock must run at least 1 minute.'],
      [ALICE, 'deadline add Call the bank in 91d', 'A clock runs at most 90 days.'],
      [ALICE, 'deadline frobnicate d1', '`frobnicate` is not something a clock does. Deadline clocks: `/crisis deadlines`'],
      [ALICE, 'deadline', 'Deadline clocks: `/crisis deadlines`, `/crisis deadline start <id> [HH:MM|YYYY-MM-DD HH:MM]`'],
      [DAVE, 'deadline done d1', `Only the lead, legal, the person who declared this crisis can change the deadline clocks. Ask <@${ALICE}>. Nothing changed.`],
    ];
    for (const [who, text, expected] of cases) {
      const reply = await crisisCommand(h, who, crisis.channelId, text);
      expect(reply.text.replace(/&lt;/g, '<').replace(/&gt;/g, '>')).toContain(expected);
      expect(clockState(crisis)).toBe(before);
    }
  });

  it('outside a crisis channel the deadline commands say where they work', async () => {
    const reply = await crisisCommand(h, ALICE, 'C0GENERAL', 'deadlines');
    expect(reply.text).toContain('This works only in a crisis channel.');
  });
});

describe('a breach\'s 72-hour clock on the scheduler', () => {
  let crisis: Crisis;
  beforeEach(async () => {
    // The cron expression never fires during a test: the only scheduler tick is the catch-up at each start.
    h = await startHarness({ clock: new ManualClock(START), scheduler: true, env: { REMINDER_TICK: '0 0 1 1 *' } });
    crisis = await declare(h, `declare breach: Customer data exposed`);
    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${BOB}> legal`);
  });

  it('reminds the channel mentioning lead and legal, once each, across a restart, with one catch-up after a downtime; resolving stops it', async () => {
    h.clock.set(at(48 * H));
    expect((await h.bot.services.alerts.tick()).sent).toBe(1);
    expect((await h.bot.services.alerts.tick()).sent).toBe(0);
    const [first] = deadlineAlerts(crisis.channelId);
    expect(first).toBe(
      `:hourglass_flowing_sand: *Deadline in 24 h:* Notify the supervisory authority (GDPR Art. 33, within 72 hours of becoming aware), due ${formatTime(at(72 * H), 'UTC')}. <@${ALICE}> <@${BOB}>: once it is done, \`/crisis deadline done authority\`.\nClock \`authority\` started ${formatTime(START, 'UTC')}. \`/crisis deadlines\` lists every clock.`,
    );

    // A restart: the start-up tick finds nothing new, and nothing is sent twice.
    await h.restartBot();
    expect(deadlineAlerts(crisis.channelId)).toHaveLength(1);

    // Down from 48 h to 71 h 30: the 6-hour reminder and the 1-hour one both fell due. One catch-up.
    await h.stopBot();
    h.clock.set(at(71 * H + 30));
    await h.restartBot();
    const after = deadlineAlerts(crisis.channelId);
    expect(after).toHaveLength(2);
    expect(after[1]).toContain('*Deadline in 30 min:* Notify the supervisory authority');
    expect(h.bot.store.alerts.ofCrisis(crisis.id).map((a) => a.state)).toEqual(['sent', 'skipped', 'sent', 'pending']);

    h.clock.set(at(71 * H + 45));
    await crisisCommand(h, ALICE, crisis.channelId, 'resolve Contained; the authority was called');
    h.clock.set(at(73 * H));
    expect((await h.bot.services.alerts.tick()).sent).toBe(0);
    expect(deadlineAlerts(crisis.channelId)).toHaveLength(2);

    // The debrief lists the clock: resolved 15 minutes before it was due, and never marked done.
    await crisisCommand(h, ALICE, crisis.channelId, 'debrief');
    const file = await h.emu.waitFor(() => h.emu.files().filter((f) => f.filename.endsWith('.md')).at(-1));
    expect(file.content).toContain('## Deadlines\n\n- Not done at resolution — Notify the supervisory authority (GDPR Art. 33, within 72 hours of becoming aware) (`authority`): started 2026-03-05 09:00, due 2026-03-08 09:00\n');
  });

  it('a missed clock is said once in the channel, and the debrief shows one met and one missed', async () => {
    h.clock.set(at(2 * H));
    await crisisCommand(h, ALICE, crisis.channelId, 'deadline add Brief the DPO in 30m');
    h.clock.set(at(2 * H + 20));
    await crisisCommand(h, BOB, crisis.channelId, 'deadline done d1');
    h.clock.set(at(72 * H));
    await h.bot.services.alerts.tick();
    await h.bot.services.alerts.tick();
    const alerts = deadlineAlerts(crisis.channelId);
    expect(alerts.filter((a) => a.includes('*Deadline missed:*'))).toHaveLength(1);
    expect(alerts.at(-1)).toContain(`:rotating_light: *Deadline missed:* Notify the supervisory authority (GDPR Art. 33, within 72 hours of becoming aware) was due ${formatTime(at(72 * H), 'UTC')} and is not marked done. <@${ALICE}> <@${BOB}>: do it now`);
    await crisisCommand(h, ALICE, crisis.channelId, 'debrief');
    const file = await h.emu.waitFor(() => h.emu.files().filter((f) => f.filename.endsWith('.md')).at(-1));
    expect(file.content).toContain('- Met — Brief the DPO (`d1`, added by hand): started 2026-03-05 11:00, due 2026-03-05 11:30, done 2026-03-05 11:20 by Bob Baker, 10 min early');
    expect(file.content).toContain('- Missed — Notify the supervisory authority');
  });
});

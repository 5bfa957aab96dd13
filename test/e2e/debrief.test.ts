/**
 * `/crisis debrief` end to end: a scripted crisis played through Slack, then the Block Kit summary
 * in the channel and the uploaded Markdown file checked section by section, figure by figure; the
 * interim mark before resolution; and a 2,000-entry timeline that still fits Slack's limits.
 *
 * The script (sev2, updates due every 60 minutes), T = 09:00 UTC:
 *   T      declared through the modal by Alice (lead), with a customer impact
 *   T+5    Carol assigned spokesperson; at T+30 she ticks one checklist item
 *   T+20   update 1 (due T+60: on time)
 *   T+50   update 2 through the modal with a customer statement, next update in 15 min (due T+80: on time);
 *          the statement is drafted as S1, approved by Alice (the lead: there is no legal holder) and
 *          published by Carol to the status page, promising the next by T+65 (none comes: broken)
 *   T+65   tick: reminder (update due T+65)
 *   T+100  Dave posts a message, :pushpin:-ed at T+145
 *   T+125  tick: escalation (the reminder went unanswered): a missed update, the lead DMed
 *   T+130  update 3 (due at the T+65 reminder at the latest: late)
 *   T+140  Bob takes over as lead (a handover)
 *   T+150  note; T+155 two actions (one with an owner); T+160 the ownerless one is marked done
 *   T+180  resolved by Bob; T+185 lessons; T+200 debrief
 * By hand: first update +20 min, first statement +50 min, resolved +3 h; 3 updates; due times T+60
 * and T+80 met, T+65 and T+125 passed with no update (the late update 3 answered them, counted
 * once): 2 of 4 due times, 2 missed updates; silences 20, 30, 80 and 50 min, so the longest is
 * 80 min (09:50–11:10); 2 reminders, 1 escalation, 1 handover, 1 statement (1 promise, broken,
 * approved by the lead standing in for legal); lead Alice 2 h 20 min then Bob 40 min (checklist 0/10),
 * spokesperson Carol 2 h 55 min (checklist 1/5).
 */
import { ManualClock } from '../../src/clock';
import type { Crisis } from '../../src/core/crisis';
import { permalink } from '../../src/emulator/api-context';
import { checkMessageBlocks, MAX_MESSAGE_BLOCKS } from '../../src/emulator';
import { ALICE, BOB, CAROL, DAVE, startHarness, type Harness } from '../helpers/harness';
import { crisisCommand, declareCrisis, events, replyContaining, settle } from './timeline-fixtures';

const T0 = '2026-03-02T09:00:00.000Z';
const TITLE = 'Checkout payments failing';
const IMPACT = 'EU customers cannot pay by card; about 12% of checkouts fail';
const STATEMENT = 'Some card payments are failing. We are working on a fix and will update by 10:05 UTC.';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock(T0) });
});

afterEach(async () => {
  await h.close();
});

function at(minutes: number): void {
  h.clock.set(new Date(Date.parse(T0) + minutes * 60_000));
}

async function openModal(callbackId: string) {
  return h.emu.waitFor(() => h.emu.views().find((v) => v.open && v.payload.callback_id === callbackId));
}

async function update(userId: string, channelId: string, text: string, count: number): Promise<void> {
  await crisisCommand(h, userId, channelId, `update ${text}`);
  await h.emu.waitFor(() => h.bot.store.timeline.list(h.bot.store.crises.byChannel(channelId)!.id).filter((e) => e.kind === 'update_posted').length === count);
  await settle(h);
}

async function declareThroughModal(): Promise<Crisis> {
  await crisisCommand(h, ALICE, 'C0GENERAL', 'declare');
  const modal = await openModal('declare_modal');
  await h.driver.submitView({ userId: ALICE, viewId: modal.id, values: { title: TITLE, type: 'other', severity: 'sev2', impact: IMPACT } });
  const crisis = await h.emu.waitFor(() => h.bot.store.crises.listOpen().find((c) => c.title === TITLE));
  await settle(h);
  return crisis;
}

async function scriptedCrisis(): Promise<{ crisis: Crisis; capturedTs: string }> {
  const crisis = await declareThroughModal();
  const channel = crisis.channelId;

  at(5);
  await crisisCommand(h, ALICE, channel, 'assign <@U0CAROL> spokesperson');
  const checklist = await h.emu.waitFor(() => h.emu.dmsTo(CAROL).find((m) => m.text.startsWith('You are spokesperson')));
  await settle(h);

  at(20);
  await update(ALICE, channel, 'Investigating failed EU card payments', 1);

  at(30);
  const assignment = h.bot.store.roles.active(crisis.id).find((a) => a.role === 'spokesperson')!;
  await h.driver.checkbox({ userId: CAROL, messageTs: checklist.ts, actionId: 'checklist_toggle', selectedValues: [`${assignment.id}:0`] });
  await h.emu.waitFor(() => h.bot.store.roles.checklistsForCrisis(crisis.id).some((i) => i.doneAt !== null));
  await settle(h);

  at(50);
  await crisisCommand(h, CAROL, channel, 'update');
  const modal = await openModal('update_modal');
  await h.driver.submitView({ userId: CAROL, viewId: modal.id, values: { update: 'Errors traced to the payment gateway', statement: STATEMENT, next_update: '15' } });
  await h.emu.waitFor(() => events(h, crisis.id, 'statement_drafted').length === 1);
  await settle(h);
  await crisisCommand(h, ALICE, channel, 'approve S1');
  await replyContaining(h, ALICE, 'S1 approved as the lead (no legal holder)');
  await crisisCommand(h, CAROL, channel, 'publish S1 status page');
  await replyContaining(h, CAROL, 'S1 marked published (status page)');
  await settle(h);

  at(65);
  expect(await h.bot.services.reminders.tick()).toMatchObject({ sent: 1, escalated: 0 });

  at(100);
  const capturedTs = await h.driver.userPostsMessage({ userId: DAVE, channelId: channel, text: 'Gateway certificate expired at 06:00 UTC' });

  at(125);
  expect(await h.bot.services.reminders.tick()).toMatchObject({ sent: 1, escalated: 1 });
  expect(h.emu.dmsTo(ALICE).some((m) => m.text.includes('has had no update for'))).toBe(true);

  at(130);
  await update(ALICE, channel, 'Certificate renewal in progress', 3);

  at(140);
  await crisisCommand(h, ALICE, channel, 'assign <@U0BOB> lead');
  await h.emu.waitFor(() => h.bot.store.roles.active(crisis.id).some((a) => a.role === 'lead' && a.userId === BOB));
  await settle(h);

  at(145);
  await h.driver.reactionAdded({ userId: CAROL, channelId: channel, ts: capturedTs, reaction: 'pushpin' });
  await h.emu.waitFor(() => events(h, crisis.id, 'message_captured').length === 1);
  await settle(h);

  at(150);
  await crisisCommand(h, BOB, channel, 'note Renewed certificate deployed to all gateways');
  at(155);
  await crisisCommand(h, BOB, channel, 'action Monitor certificate expiry <@U0DAVE>');
  await replyContaining(h, BOB, 'Follow-up action #1 added');
  await crisisCommand(h, BOB, channel, 'action Write the customer FAQ');
  await replyContaining(h, BOB, 'Follow-up action #2 added');
  at(160);
  const faq = await h.emu.waitFor(() => h.emu.messages(channel).find((m) => m.text.startsWith('Follow-up action #2')));
  await h.driver.clickButton({ userId: ALICE, actionId: 'action_toggle', messageTs: faq.ts, channelId: channel });
  await h.emu.waitFor(() => h.bot.store.followUps.action(2)?.doneAt !== null);
  await settle(h);

  at(180);
  await crisisCommand(h, BOB, channel, 'resolve Payments restored after the gateway certificate was renewed');
  await replyContaining(h, BOB, 'Resolved. Reminders are stopped.');

  at(185);
  const notice = h.emu.messages(channel).find((m) => m.text.startsWith('Resolved:'))!;
  await h.driver.clickButton({ userId: BOB, actionId: 'resolved_add_lessons', messageTs: notice.ts, channelId: channel });
  const lessons = await openModal('lessons_modal');
  await h.driver.submitView({
    userId: BOB,
    viewId: lessons.id,
    values: { went_well: 'Holding statement out within the hour', went_badly: 'The first reminder went unanswered', root_causes: 'Certificate expiry was not monitored' },
  });
  await settle(h);
  return { crisis: h.bot.store.crises.get(crisis.id), capturedTs };
}

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`${heading}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = markdown.slice(start + heading.length + 1);
  const next = rest.search(/^## /m);
  return next === -1 ? rest : rest.slice(0, next);
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim().length > 0);
}

describe('/crisis debrief of a scripted crisis', () => {
  it('posts the Block Kit summary and uploads the whole report with the right figures', async () => {
    const { crisis, capturedTs } = await scriptedCrisis();
    at(200);
    const ack = await crisisCommand(h, BOB, crisis.channelId, 'debrief');
    expect(JSON.stringify(ack.json)).toContain('Building the after-action report');
    await replyContaining(h, BOB, 'Report posted in the channel, with the full Markdown file.');

    // --- the summary message --------------------------------------------------------------------
    const summary = h.emu.messages(crisis.channelId).find((m) => m.text === `After-action report: ${TITLE}`);
    const blocks = summary?.blocks ?? [];
    expect(checkMessageBlocks(blocks)).toEqual([]);
    const shown = JSON.stringify(blocks);
    expect(shown).not.toContain('INTERIM');
    for (const field of [
      '*First update*\\n2026-03-02 09:20\\n+20 min after declaration',
      '*First customer statement*\\n2026-03-02 09:50\\n+50 min after declaration',
      '*Resolved*\\n2026-03-02 12:00\\n+3 h after declaration',
      '*Updates posted*\\n3',
      '*Updates on time*\\n2 of 4 due times (50%)',
      '*Longest silence*\\n1 h 20 min',
      '*Reminders sent*\\n2',
      '*Missed updates*\\n2',
      '*Escalations*\\n1',
      '*Handovers*\\n1',
      '*Customer statements*\\n1',
      `*Customer impact*\\n${IMPACT}`,
      '*Customer communications*\\nFirst statement: 50 min after declaration · median draft → approval: less than a minute · promises: 1 made: 0 kept, 1 broken',
      '*Resolution*\\nPayments restored after the gateway certificate was renewed',
      '• *Crisis lead*: <@U0ALICE> (2 h 20 min) → <@U0BOB> (40 min) · checklist 0/10',
      '• *Spokesperson*: <@U0CAROL> (2 h 55 min) · checklist 1/5',
      '*Follow-up actions* — 1 open, 1 done',
      'Certificate expiry was not monitored',
    ]) {
      expect(shown).toContain(field);
    }

    // --- the file ---------------------------------------------------------------------------------
    const [file] = h.emu.files().filter((f) => f.filename.endsWith('.md'));
    expect(file).toMatchObject({ filename: `${crisis.channelName}-debrief.md`, title: `After-action report: ${TITLE}`, channelId: crisis.channelId });
    const md = file!.content;
    expect(md.startsWith(`# After-action report: ${TITLE}\n`)).toBe(true);
    expect(md).not.toContain('INTERIM');
    expect(md).toContain('All times are UTC.');
    // People are named in the file (looked up with users.info), not left as ids.
    expect(h.emu.calls('users.info').length).toBeGreaterThan(0);
    expect(md).not.toMatch(/U0(ALICE|BOB|CAROL|DAVE)/);

    expect(lines(section(md, '## Summary and resolution'))).toEqual([
      '- Severity: sev2 (High)',
      '- Type: Other',
      '- Status: Resolved',
      `- Channel: #${crisis.channelName}`,
      '- Declared by: Alice Archer at 2026-03-02 09:00',
      '- Resolved: 2026-03-02 12:00',
      '**Resolution:** Payments restored after the gateway certificate was renewed',
    ]);
    expect(lines(section(md, '## Customer impact'))).toEqual([IMPACT]);
    expect(lines(section(md, '## Customer communications'))).toEqual([
      '- First statement published: 2026-03-02 09:50 (50 min after declaration)',
      '- Median time from draft to approval: less than a minute (1 reviewed by a person, 0 approved by a pre-approved template)',
      '- Promises of the next statement: 1 made: 0 kept, 1 broken',
      '- S1 — 2026-03-02 09:50, status page (Customers): written by Carol Chen, approved by Alice Archer, the lead (no legal holder); promised the next by 2026-03-02 10:05: broken',
      `  > ${STATEMENT}`,
    ]);
    expect(lines(section(md, '## Key times'))).toEqual([
      '| Milestone | Time | After declaration |',
      '| --- | --- | --- |',
      '| Declared | 2026-03-02 09:00 | — |',
      '| First update | 2026-03-02 09:20 | +20 min after declaration |',
      '| First customer-facing statement | 2026-03-02 09:50 | +50 min after declaration |',
      '| Resolved | 2026-03-02 12:00 | +3 h after declaration |',
    ]);
    expect(lines(section(md, '## Response metrics'))).toEqual([
      '- Updates posted: 3',
      '- Reminders sent: 2',
      '- Updates on time: 2 of 4 due times (50%)',
      '- Longest silence: 1 h 20 min (2026-03-02 09:50 – 2026-03-02 11:10)',
      '- Missed updates: 2',
      '- Escalations: 1',
      '- Handovers: 1',
      '- Customer-facing statements: 1',
    ]);
    expect(lines(section(md, '## Roles'))).toEqual([
      '### Crisis lead',
      '- Alice Archer: 2026-03-02 09:00 – 2026-03-02 11:20 (2 h 20 min)',
      '- Bob Baker: 2026-03-02 11:20 – resolution (40 min)',
      '- Checklist: 0/10',
      '### Spokesperson',
      '- Carol Chen: 2026-03-02 09:05 – resolution (2 h 55 min)',
      '- Checklist: 1/5',
      '### Info gatherer',
      '- nobody',
      '- Checklist: 0/0',
      '### Legal',
      '- nobody',
      '- Checklist: 0/0',
      '### Support rep',
      '- nobody',
      '- Checklist: 0/0',
    ]);

    const timeline = lines(section(md, '## Timeline'));
    const stored = h.bot.store.timeline.list(crisis.id).filter((e) => e.kind !== 'debrief_posted');
    expect(timeline).toHaveLength(stored.length);
    const times = timeline.map((l) => l.slice(2, 18));
    expect([...times].sort()).toEqual(times);
    expect(timeline).toEqual(
      expect.arrayContaining([
        '- 2026-03-02 09:00 — Declared — Alice Archer: Declared sev2: Checkout payments failing',
        '- 2026-03-02 09:20 — Update — Alice Archer: Investigating failed EU card payments',
        `- 2026-03-02 09:50 — Customer statement — Carol Chen: ${STATEMENT}`,
        '- 2026-03-02 10:05 — Reminder: Update reminder',
        '- 2026-03-02 11:05 — Missed update: An update was missed',
        '- 2026-03-02 12:00 — Resolved — Bob Baker: Payments restored after the gateway certificate was renewed',
      ]),
    );
    // The captured message sits at its own time (10:40), between the two reminders, with its link.
    const capturedLine = `- 2026-03-02 10:40 — Captured — Dave Diaz: Gateway certificate expired at 06:00 UTC ([link](${permalink(crisis.channelId, capturedTs)}))`;
    const capturedAt = timeline.indexOf(capturedLine);
    expect(capturedAt).toBeGreaterThan(timeline.indexOf('- 2026-03-02 10:05 — Reminder: Update reminder'));
    expect(capturedAt).toBeLessThan(timeline.findIndex((l) => l.startsWith('- 2026-03-02 11:05 — Reminder')));

    expect(lines(section(md, '## What went well'))).toEqual(['- Holding statement out within the hour']);
    // What the record shows first, in the report's words, then what the team wrote.
    expect(lines(section(md, "## What didn't go well"))).toEqual([
      '- Missed updates: 2 due times of the update clock passed with no update',
      '- Broken promises: 1 promised statement did not come by the time promised',
      '- Without legal: 1 statement went out approved by the lead standing in for legal',
      '- The first reminder went unanswered',
    ]);
    expect(lines(section(md, '## Root causes'))).toEqual(['- Certificate expiry was not monitored']);
    expect(lines(section(md, '## Follow-up actions'))).toEqual(['- [ ] Monitor certificate expiry — Dave Diaz', '- [x] Write the customer FAQ — no owner']);

    const [posted] = events(h, crisis.id, 'debrief_posted');
    expect(posted).toMatchObject({ actorId: BOB, text: 'Debrief posted', occurredAt: '2026-03-02T12:20:00.000Z' });
  });
});

describe('/crisis debrief before resolution and at scale', () => {
  it('marks the report interim while the crisis is open', async () => {
    const crisis = await declareCrisis(h, ALICE, TITLE);
    at(30);
    await crisisCommand(h, ALICE, crisis.channelId, 'debrief');
    await replyContaining(h, ALICE, 'Interim report posted in the channel');
    const summary = h.emu.messages(crisis.channelId).find((m) => m.text === `Interim after-action report: ${TITLE}`);
    expect(JSON.stringify(summary?.blocks)).toContain('*INTERIM — the crisis is still open*');
    expect(JSON.stringify(summary?.blocks)).toContain('*Resolved*\\n_not yet_');
    const md = h.emu.files().find((f) => f.filename.endsWith('.md'))!.content;
    expect(md).toContain('**INTERIM — the crisis is still open**');
    expect(md).toContain('- Resolved: not yet');
    expect(md).toContain('| Resolved | not yet | — |');
    // Open for 30 minutes without an update: that is the longest silence so far.
    expect(md).toContain('- Longest silence: 30 min (2026-03-02 09:00 – 2026-03-02 09:30)');
    expect(events(h, crisis.id, 'debrief_posted')[0]?.data).toEqual({ interim: true });
  });

  it('reports a reopened crisis: first resolution kept, reopening counted, silence only while open', async () => {
    const crisis = await declareCrisis(h, ALICE, TITLE);
    at(20);
    await update(ALICE, crisis.channelId, 'Looking into it', 1);
    at(40);
    await crisisCommand(h, ALICE, crisis.channelId, 'resolve Looked fixed');
    await replyContaining(h, ALICE, 'Resolved.');
    at(100);
    await crisisCommand(h, ALICE, crisis.channelId, 'reopen');
    await replyContaining(h, ALICE, 'Reopened:');
    at(130);
    await crisisCommand(h, ALICE, crisis.channelId, 'resolve Fixed for real this time');
    await replyContaining(h, ALICE, 'Resolved.');
    at(140);
    await crisisCommand(h, ALICE, crisis.channelId, 'debrief');
    await replyContaining(h, ALICE, 'Report posted in the channel');

    const md = h.emu.files().find((f) => f.filename.endsWith('.md'))!.content;
    expect(md).toContain('- Reopened: once');
    expect(md).toContain('| First resolved (later reopened) | 2026-03-02 09:40 | +40 min after declaration |');
    expect(md).toContain('| Resolved | 2026-03-02 11:10 | +2 h 10 min after declaration |');
    // Open 09:00–09:40 and 10:40–11:10: the hour while it was resolved is no silence.
    expect(md).toContain('- Longest silence: 30 min (2026-03-02 10:40 – 2026-03-02 11:10)');
    expect(md).toContain('**Resolution:** Fixed for real this time');
  });

  it('keeps user ids in the file when names cannot be looked up', async () => {
    const crisis = await declareCrisis(h, ALICE, TITLE);
    h.emu.failNext('users.info', 'user_not_found', 10);
    await crisisCommand(h, ALICE, crisis.channelId, 'debrief');
    await replyContaining(h, ALICE, 'Interim report posted in the channel');
    expect(h.emu.files().find((f) => f.filename.endsWith('.md'))!.content).toContain('- Declared by: U0ALICE at 2026-03-02 09:00');
  });

  it('fits a 2,000-entry timeline in a valid summary message, with every entry in the file', async () => {
    const crisis = await declareCrisis(h, ALICE, TITLE);
    for (let i = 1; i <= 2000; i += 1) {
      h.clock.advanceSeconds(5);
      h.bot.services.timeline.note(crisis, i % 2 ? BOB : CAROL, `Observation ${String(i).padStart(4, '0')}: ${'queue depth rising; '.repeat(6)}`);
    }
    await crisisCommand(h, ALICE, crisis.channelId, 'debrief');
    await replyContaining(h, ALICE, 'Interim report posted in the channel');

    const summary = h.emu.messages(crisis.channelId).find((m) => m.text.startsWith('Interim after-action report'));
    const blocks = summary?.blocks ?? [];
    expect(blocks.length).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS);
    expect(checkMessageBlocks(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('Observation 2000');
    expect(JSON.stringify(blocks)).toContain('Full report with 2002 timeline entries in the attached file');

    const md = h.emu.files().find((f) => f.filename.endsWith('.md'))!.content;
    const notes = lines(section(md, '## Timeline')).filter((l) => l.includes(' — Note — '));
    expect(notes).toHaveLength(2000);
    expect(notes[0]).toMatch(/^- 2026-03-02 09:00 — Note — Bob Baker: Observation 0001: /);
    expect(notes[1999]).toMatch(/^- 2026-03-02 11:46 — Note — Carol Chen: Observation 2000: /);
    expect(notes.map((l) => /Observation (\d{4})/.exec(l)?.[1])).toEqual(Array.from({ length: 2000 }, (_, i) => String(i + 1).padStart(4, '0')));

    // `/crisis timeline` stays one valid message too, showing the latest entries.
    const timeline = await crisisCommand(h, ALICE, crisis.channelId, 'timeline');
    const timelineBlocks = (timeline.json as { blocks: unknown[] }).blocks;
    expect(checkMessageBlocks(timelineBlocks)).toEqual([]);
    expect(JSON.stringify(timelineBlocks)).toContain('Showing the latest 47 of 2003 entries');
    expect(JSON.stringify(timelineBlocks)).toContain('Observation 2000');
  });
});

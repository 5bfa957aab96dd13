/**
 * Declaring a crisis end to end (real bot over HTTP, the emulator, a temporary SQLite file): the
 * one-line quick path, the modal, channel-name collisions, non-Latin titles, and `<!channel>` in a
 * title pinging nobody.
 */
import { ALICE, ANNOUNCE, BOB, CAROL, DAVE, ERIN, FRANK, GENERAL, type Harness } from '../helpers/harness';
import { ackText, commandWithReply, crisisCommand, DAY, declareQuick, readable, replyText, rowCounts, startAt } from './helpers/declare-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startAt();
});
afterEach(async () => {
  await h.close();
});

function cardOf(channelId: string) {
  const cardTs = h.bot.store.crises.byChannel(channelId)?.cardTs;
  const card = h.emu.messages(channelId).find((m) => m.ts === cardTs);
  if (!card) throw new Error('no crisis card');
  return card;
}

describe('quick declare', () => {
  test('creates the channel, makes the declarer lead, pins the card, announces and stores the crisis', async () => {
    const { ack, reply } = await commandWithReply(h, ALICE, GENERAL, 'declare sev1 Checkout payments failing');
    expect(ack.status).toBe(200);
    expect(ackText(ack)).toContain('Declaring *sev1* crisis');

    const channel = h.emu.channelByName(`crisis-${DAY}-checkout-payments-failing`);
    expect(channel).toBeDefined();
    if (!channel) return;
    expect(replyText(reply)).toContain(`Declared. Head to <#${channel.id}>`);
    expect(channel.topic.value).toBe('Critical (sev1) · Checkout payments failing');
    expect(channel.purpose.value).toContain('crisis declared');
    expect([...channel.members].sort()).toEqual([ALICE, 'U0BOT'].sort());

    const crisis = h.bot.store.crises.byChannel(channel.id);
    expect(crisis).toMatchObject({ title: 'Checkout payments failing', severity: 'sev1', status: 'investigating', declaredBy: ALICE, channelName: channel.name });
    if (!crisis) return;

    // The card: posted, pinned, and carrying every fact a newcomer needs.
    const card = cardOf(channel.id);
    expect(h.emu.pins(channel.id).map((p) => p.ts)).toEqual([card.ts]);
    const shown = readable(card);
    expect(shown).toContain('SEV1 · Checkout payments failing');
    expect(shown).toContain('*Status*\nInvestigating');
    expect(shown).toContain('*Severity*\nsev1 (Critical)');
    expect(shown).toContain('*Type*\nOther');
    expect(shown).toContain('*Customer impact*\n_not yet known_');
    expect(shown).toContain(`*Crisis lead:* <@${ALICE}>`);
    for (const role of ['Spokesperson', 'Info gatherer', 'Legal', 'Support rep']) expect(shown).toContain(`*${role}:* _empty_`);
    expect(shown).toContain(`*Declared*\n5 Mar 09:00 UTC by <@${ALICE}>`);
    expect(shown).toContain('*Next update due*\n5 Mar 09:30 UTC (every 30 min)');

    // The announcement links to the channel.
    const announcements = h.emu.messages(ANNOUNCE);
    expect(announcements).toHaveLength(1);
    expect(readable(announcements[0])).toContain(`Join <#${channel.id}>`);
    expect(readable(announcements[0])).toContain('SEV1 crisis declared');
    expect(crisis.announceTs).toBe(announcements[0]?.ts);

    // Stored: the crisis, the lead, the reminder and the first timeline events.
    expect(h.bot.store.roles.active(crisis.id).map((a) => [a.role, a.userId])).toEqual([['lead', ALICE]]);
    const timeline = h.bot.store.timeline.list(crisis.id);
    expect(timeline.map((e) => e.kind)).toEqual(['declared', 'role_assigned']);
    expect(timeline[0]).toMatchObject({ actorId: ALICE, occurredAt: '2026-03-05T09:00:00.000Z', data: { severity: 'sev1', channel_id: channel.id } });
    expect(h.bot.store.reminders.get(crisis.id)).toMatchObject({ cadenceMinutes: 30, nextDueAt: '2026-03-05T09:30:00.000Z', enabled: true });
    expect(rowCounts(h)).toMatchObject({ crises: 1, role_assignments: 1, reminders: 1 });
  });

  test('defaults to sev2 without a severity', async () => {
    const { crisis } = await declareQuick(h, 'Warehouse robots stopped');
    expect(crisis.severity).toBe('sev2');
    expect(readable(cardOf(crisis.channelId))).toContain('*Next update due*\n5 Mar 10:00 UTC (every 1 h)');
  });

  test('a taken channel name gets -2, and a second crisis with the same title gets -3', async () => {
    h.emu.state.addChannel({ name: `crisis-${DAY}-checkout-payments-failing`, creator: BOB, members: [BOB] });
    const first = await declareQuick(h, 'sev1 Checkout payments failing');
    expect(first.crisis.channelName).toBe(`crisis-${DAY}-checkout-payments-failing-2`);
    const second = await declareQuick(h, 'sev3 Checkout payments failing');
    expect(second.crisis.channelName).toBe(`crisis-${DAY}-checkout-payments-failing-3`);
    const nameTaken = h.emu.calls('conversations.create').filter((c) => c.error === 'name_taken');
    expect(nameTaken).toHaveLength(3);
    expect(h.bot.store.crises.listOpen().map((c) => c.channelId)).toEqual([first.crisis.channelId, second.crisis.channelId]);
  });

  test('a title with no Latin letters still gets a valid channel name and is shown as typed', async () => {
    const { crisis } = await declareQuick(h, 'sev2 決済システム障害');
    expect(crisis.title).toBe('決済システム障害');
    expect(crisis.channelName).toMatch(new RegExp(`^crisis-${DAY}-[a-z0-9_-]+$`));
    expect(crisis.channelName.length).toBeLessThanOrEqual(80);
    expect(h.emu.channel(crisis.channelId)?.name).toBe(crisis.channelName);
    expect(readable(cardOf(crisis.channelId))).toContain('決済システム障害');
    // A different non-Latin title the same day must not collide with the first.
    const other = await declareQuick(h, 'sev2 Σφάλμα πληρωμών');
    expect(other.crisis.channelName).not.toBe(crisis.channelName);
    expect(other.crisis.channelName).not.toMatch(/-2$/);
  });

  test('emoji count as one character each: 150 are accepted, 151 refused with the right count', async () => {
    const refused = await crisisCommand(h, ALICE, GENERAL, `declare sev2 ${'🔥'.repeat(151)}`);
    expect(ackText(refused)).toContain('That title is 151 characters; keep it to 150 or fewer.');
    expect(rowCounts(h).crises).toBe(0);
    const { crisis } = await declareQuick(h, `sev2 ${'🔥'.repeat(150)}`);
    expect(crisis.title).toBe('🔥'.repeat(150));
    // The card header is cut to Slack's 150 characters without leaving half an emoji behind.
    const header = (cardOf(crisis.channelId).blocks?.[0] as { text: { text: string } }).text.text;
    expect(header.endsWith('🔥…')).toBe(true);
    expect(header).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  test('the date in the channel name is the day in CRISIS_TIMEZONE', async () => {
    await h.close();
    h = await startAt({ env: { CRISIS_TIMEZONE: 'America/New_York' } });
    h.clock.set('2026-03-05T03:30:00Z');
    const { crisis } = await declareQuick(h, 'sev2 Late night outage');
    expect(crisis.channelName).toBe('crisis-20260304-late-night-outage');
    expect(readable(cardOf(crisis.channelId))).toContain('*Declared*\n4 Mar 22:30 GMT-5');
  });

  test('a very long title makes a name of at most 80 characters', async () => {
    const title = 'Payments '.repeat(16).trim();
    expect(title.length).toBe(143);
    const { crisis } = await declareQuick(h, `sev2 ${title}`);
    expect(crisis.channelName.length).toBeLessThanOrEqual(80);
    expect(crisis.channelName).toMatch(/^crisis-20260305-payments-payments/);
    expect(crisis.channelName).not.toMatch(/-$/);
  });
});

describe('<!channel> in a title', () => {
  test('is escaped on the card, in the announcement, in the list, the reply and the DM', async () => {
    const { crisis } = await declareQuick(h, 'sev1 Outage <!channel> <!here> <@U0BOB> & more');
    const card = cardOf(crisis.channelId);
    const announcement = h.emu.messages(ANNOUNCE)[0];
    const list = await crisisCommand(h, BOB, GENERAL, 'list');
    const dm = h.emu.dmsTo(ALICE)[0];
    // mrkdwn texts must carry the escaped form; plain_text (the header) is never parsed for mentions.
    const mrkdwn = (m: unknown): string[] => {
      const texts: string[] = [];
      JSON.stringify(m, (key, value: unknown) => {
        if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'mrkdwn') texts.push(String((value as { text?: unknown }).text));
        return value;
      });
      return texts;
    };
    const shownAsMarkup = [card.text, ...mrkdwn(card), announcement?.text ?? '', ...mrkdwn(announcement), ...mrkdwn(list.json), dm?.text ?? '', ...mrkdwn(dm)];
    const joined = shownAsMarkup.join('\n');
    expect(joined).toContain('Outage &lt;!channel&gt; &lt;!here&gt; &lt;@U0BOB&gt; &amp; more');
    expect(joined).not.toContain('<!channel>');
    expect(joined).not.toContain('<!here>');
    // Only people the bot means to mention are mentioned: never Bob through the title.
    expect(joined).not.toContain('<@U0BOB>');
    const header = card.blocks?.[0] as { type: string; text: { type: string } } | undefined;
    expect(header?.text.type).toBe('plain_text');
  });
});

describe('declare modal', () => {
  test('/crisis declare opens the modal with its trigger; submitting declares with the chosen facts and first roles', async () => {
    const ack = await crisisCommand(h, ALICE, GENERAL, 'declare');
    expect(ack.status).toBe(200);
    const view = await h.emu.waitFor(() => h.emu.views().find((v) => v.payload.callback_id === 'declare_modal'));
    const open = h.emu.calls('views.open');
    expect(open).toHaveLength(1);
    expect(typeof open[0]?.args.trigger_id).toBe('string');
    expect(view.user).toBe(ALICE);

    const submitted = await h.driver.submitView({
      userId: ALICE,
      viewId: view.id,
      values: {
        title: 'Customer data exposed',
        type: 'other',
        severity: 'sev1',
        impact: 'About 1,200 customers can see other orders',
        role_spokesperson: BOB,
        role_info: [CAROL, DAVE],
        role_legal: ERIN,
        role_support: [FRANK],
      },
    });
    expect(submitted.status).toBe(200);
    expect(readable(submitted.json)).toContain('Declaring');

    const crisis = await h.emu.waitFor(() => h.bot.store.crises.listOpen()[0]);
    expect(crisis).toMatchObject({ title: 'Customer data exposed', type: 'other', severity: 'sev1', customerImpact: 'About 1,200 customers can see other orders', declaredBy: ALICE });
    expect(crisis.channelName).toBe(`crisis-${DAY}-customer-data-exposed`);
    const outcome = await h.emu.waitFor(() => h.emu.calls('views.update').find((c) => readable(c.args.view).includes('Declared')));
    expect(readable(outcome.args.view)).toContain(`<#${crisis.channelId}>`);

    // Every first role holder is assigned, invited and DM'd; the card shows them all.
    await h.emu.waitFor(() => h.emu.dmsTo(FRANK).length > 0 && h.emu.calls('chat.update').length > 0);
    const holders = h.bot.services.snapshot(crisis).holders;
    expect(holders).toEqual({ lead: [ALICE], spokesperson: [BOB], info: [CAROL, DAVE], legal: [ERIN], support: [FRANK] });
    const members = h.emu.channel(crisis.channelId)?.members ?? new Set<string>();
    for (const person of [ALICE, BOB, CAROL, DAVE, ERIN, FRANK]) {
      expect(members.has(person)).toBe(true);
      expect(h.emu.dmsTo(person)).toHaveLength(1);
    }
    const card = readable(cardOf(crisis.channelId));
    expect(card).toContain('*Type*\nOther');
    expect(card).toContain('About 1,200 customers can see other orders');
    expect(card).toContain(`*Spokesperson:* <@${BOB}>`);
    expect(card).toContain(`*Info gatherer:* <@${CAROL}>, <@${DAVE}>`);
    expect(card).toContain(`*Support rep:* <@${FRANK}>`);
    expect(h.emu.pins(crisis.channelId)).toHaveLength(1);
    expect(readable(h.emu.messages(ANNOUNCE)[0])).toContain(`Join <#${crisis.channelId}>`);
    const kinds = h.bot.store.timeline.list(crisis.id).map((e) => e.kind);
    expect(kinds[0]).toBe('declared');
    expect(kinds.filter((k) => k === 'role_assigned')).toHaveLength(6);
  });

  test('a lead named in the modal leads instead of the declarer', async () => {
    await crisisCommand(h, ALICE, GENERAL, 'declare');
    const view = await h.emu.waitFor(() => h.emu.views().find((v) => v.payload.callback_id === 'declare_modal'));
    await h.driver.submitView({ userId: ALICE, viewId: view.id, values: { title: 'Recall of batch 42', type: 'recall', role_lead: BOB } });
    const crisis = await h.emu.waitFor(() => h.bot.store.crises.listOpen()[0]);
    await h.emu.waitFor(() => h.emu.calls('views.update').length > 0);
    expect(h.bot.services.snapshot(crisis).holders.lead).toEqual([BOB]);
    expect(crisis.declaredBy).toBe(ALICE);
    // No severity picked: the recall playbook's default.
    expect(crisis.severity).toBe('sev1');
    const members = h.emu.channel(crisis.channelId)?.members;
    expect(members?.has(ALICE) && members.has(BOB)).toBe(true);
  });

  test('a 151-character title in the modal is a field error and declares nothing', async () => {
    await crisisCommand(h, ALICE, GENERAL, 'declare');
    const view = await h.emu.waitFor(() => h.emu.views().find((v) => v.payload.callback_id === 'declare_modal'));
    const before = h.emu.calls().length;
    const result = await h.driver.submitView({ userId: ALICE, viewId: view.id, values: { title: 'x'.repeat(151) } });
    expect(result.json).toMatchObject({ response_action: 'errors', errors: { title: expect.stringContaining('151 characters') } });
    expect(h.emu.calls().slice(before)).toEqual([]);
    expect(rowCounts(h)).toMatchObject({ crises: 0, timeline_events: 0 });
  });
});

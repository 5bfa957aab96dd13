/**
 * The FAQ for support reps end to end: proposing `F<n>`, approval by the right people only (legal
 * or the spokesperson; the lead while neither is assigned; crisis admins), by command or button;
 * the ONE FAQ message, posted and pinned once and then edited in place with chat.update, never
 * reposted; support reps DMed at each change; remedies in it; `/crisis faq`; Slack failing halfway.
 */
import type { Crisis } from '../../src/core/crisis';
import { ALICE, BOB, CAROL, DAVE, ERIN, FRANK, type Harness } from '../helpers/harness';
import { cardOf, faqMessages, runSettled, startCustomerHarness } from './helpers/customer-helpers';
import { readable } from './helpers/declare-helpers';
import { settle } from './timeline-fixtures';
import { declare } from './updates-helpers';

let h: Harness;
let crisis: Crisis;

afterEach(async () => {
  await h.close();
});

async function run(text: string, userId = ALICE): Promise<string> {
  return (await runSettled(h, crisis, text, userId)).replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

function entry(n: number) {
  return h.bot.store.faq.byNumber(crisis.id, n);
}

function faqDms(userId: string) {
  return h.emu.dmsTo(userId).filter((m) => m.text.startsWith('The FAQ for support reps changed'));
}

function proposal(n: number) {
  return h.emu.messages(crisis.channelId).find((m) => m.text.startsWith(`F${n} proposed`) || m.text.startsWith(`F${n} approved`));
}

describe('with every role filled', () => {
  beforeEach(async () => {
    h = await startCustomerHarness({ env: { CRISIS_ADMINS: FRANK } });
    crisis = await declare(h);
    await run('assign <@U0CAROL> spokesperson');
    await run('assign <@U0DAVE> legal');
    await run('assign <@U0ERIN> support');
  });

  it('a proposal is numbered F<n>, posted with an Approve button, and only legal or the spokesperson can approve it', async () => {
    expect(await run('faq add Was I charged twice? | Yes, for orders between 09:00 and 11:00 UTC; the duplicate is refunded within 5 days.', BOB)).toContain('Proposed *F1*');
    expect(entry(1)).toMatchObject({ state: 'proposed', proposedBy: BOB, question: 'Was I charged twice?' });
    const posted = proposal(1);
    expect(JSON.stringify(posted?.blocks)).toContain('"action_id":"faq_approve"');
    expect(readable(posted)).toContain('<@U0DAVE>');
    expect(faqMessages(h, crisis)).toEqual([]);

    for (const who of [BOB, ALICE, ERIN]) {
      const reply = await run('approve F1', who);
      expect(reply).toContain('Only the legal holder or the spokesperson (or a crisis admin) can approve F1');
      expect(reply).toContain('<@U0DAVE>, <@U0CAROL>');
      expect(entry(1)?.state).toBe('proposed');
    }
    expect(faqMessages(h, crisis)).toEqual([]);
    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'faq_approved')).toEqual([]);

    expect(await run('approve F1', DAVE)).toContain('*F1* approved');
    expect(entry(1)).toMatchObject({ state: 'approved', approvedBy: DAVE });
    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'faq_approved').map((e) => e.actorId)).toEqual([DAVE]);
  });

  it('the FAQ message is posted and pinned once, then edited in place (never reposted); support reps get a DM at each change', async () => {
    await run('faq add Was I charged twice? | Yes; the duplicate is refunded within 5 days.', BOB);
    await run('faq add When will my order ship? | Within 48 hours of payment.', BOB);
    await run('approve F1', DAVE);

    const [faq] = faqMessages(h, crisis);
    expect(faqMessages(h, crisis)).toHaveLength(1);
    expect(readable(faq)).toContain('F1. Was I charged twice?');
    expect(readable(faq)).not.toContain('When will my order ship?');
    expect(h.emu.pins(crisis.channelId).map((p) => p.ts)).toContain(faq?.ts);
    expect(faqDms(ERIN)).toHaveLength(1);
    expect(readable(faqDms(ERIN)[0])).toContain('F1 approved by <@U0DAVE>');
    // The proposal lost its button and says who approved it.
    expect(JSON.stringify(proposal(1)?.blocks)).not.toContain('faq_approve');
    expect(readable(proposal(1))).toContain('Approved by <@U0DAVE>');

    // The spokesperson approves F2 with the button.
    const button = proposal(2);
    await h.driver.clickButton({ userId: CAROL, channelId: crisis.channelId, messageTs: button?.ts ?? '', actionId: 'faq_approve' });
    await h.emu.waitFor(() => entry(2)?.state === 'approved');
    await settle(h);
    expect(entry(2)?.approvedBy).toBe(CAROL);

    await run('remedy A 10 EUR voucher for the trouble', BOB);

    const now = faqMessages(h, crisis);
    expect(now).toHaveLength(1);
    expect(now[0]?.ts).toBe(faq?.ts);
    const text = readable(now[0]);
    expect(text).toContain('F1. Was I charged twice?');
    expect(text).toContain('F2. When will my order ship?');
    expect(text).toContain('A 10 EUR voucher for the trouble');
    const updates = h.emu.calls('chat.update').filter((c) => c.args.ts === faq?.ts);
    expect(updates.length).toBe(2);
    expect(h.emu.calls('pins.add').filter((c) => c.args.timestamp === faq?.ts)).toHaveLength(1);
    expect(faqDms(ERIN)).toHaveLength(3);

    // A support rep assigned later gets the next change.
    await run('assign <@U0FRANK> support');
    await run('remedy Free express shipping on the next order');
    expect(faqDms(FRANK)).toHaveLength(1);
    expect(faqMessages(h, crisis)).toHaveLength(1);
  });

  it("the card's FAQ line follows each proposal and approval at once", async () => {
    const faqLine = (): string | undefined => readable(cardOf(h, crisis)).split('\n').find((l) => l.startsWith('FAQ for support reps:'));
    expect(faqLine()).toBeUndefined();
    await run('faq add Q1? | A1.', BOB);
    expect(faqLine()).toBe('FAQ for support reps: 0 approved answers, 1 waiting for approval · `/crisis faq`');
    await run('approve F1', DAVE);
    expect(faqLine()).toBe('FAQ for support reps: 1 approved answer · `/crisis faq`');
    await run('faq add Q2? | A2.', BOB);
    await run('approve F2', CAROL);
    expect(faqLine()).toBe('FAQ for support reps: 2 approved answers · `/crisis faq`');
  });

  it('a crisis admin may approve; approving twice says so and changes nothing', async () => {
    await run('faq add Is my card data safe? | Yes: card numbers never reach our servers.', BOB);
    expect(await run('approve F1', FRANK)).toContain('(crisis admin)');
    const updatesBefore = h.emu.calls('chat.update').length;
    expect(await run('approve F1', DAVE)).toContain('F1 is already approved by <@U0FRANK>');
    expect(h.emu.calls('chat.update').length).toBe(updatesBefore);
    expect(faqMessages(h, crisis)).toHaveLength(1);
  });

  it('`/crisis faq` shows the approved answers, the remedies, and what waits for approval', async () => {
    await run('faq add Was I charged twice? | Yes; refunded within 5 days.', BOB);
    await run('faq add Can I cancel? | Yes, free of charge until shipping.', BOB);
    await run('approve F2', CAROL);
    await run('remedy Full refund of the duplicate charge');
    const ack = await h.driver.slashCommand({ userId: ERIN, channelId: crisis.channelId, text: 'faq' });
    expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
    const shown = readable(ack.json);
    expect(shown).toContain('F2. Can I cancel?');
    expect(shown).toContain('Full refund of the duplicate charge');
    expect(shown).toContain('Waiting for approval');
    expect(shown).toContain('*F1* Was I charged twice?');
  });

  it('a Slack failure while editing the FAQ message keeps the approval, warns, and the next change edits the same message', async () => {
    await run('faq add Q1? | A1.', BOB);
    await run('faq add Q2? | A2.', BOB);
    await run('approve F1', DAVE);
    const [faq] = faqMessages(h, crisis);
    h.emu.failNext('chat.update', 'ratelimited', 1, (args) => args.ts === faq?.ts);
    const reply = await run('approve F2', DAVE);
    expect(reply).toContain('*F2* approved');
    expect(reply).toContain('Could not update the pinned FAQ message');
    expect(entry(2)?.state).toBe('approved');
    await run('remedy Voucher');
    expect(faqMessages(h, crisis)).toHaveLength(1);
    expect(readable(faqMessages(h, crisis)[0])).toContain('F2. Q2?');
  });

  it('a failed first post of the FAQ message is retried at the next change, and then pinned', async () => {
    await run('faq add Q1? | A1.', BOB);
    h.emu.failNext('chat.postMessage', 'internal_error', 1, (args) => String(args.text ?? '').startsWith('FAQ for support reps'));
    expect(await run('approve F1', DAVE)).toContain('Could not post the FAQ message');
    expect(faqMessages(h, crisis)).toEqual([]);
    expect(h.bot.store.faq.message(crisis.id)?.ts ?? null).toBeNull();
    await run('remedy Voucher');
    const [faq] = faqMessages(h, crisis);
    expect(readable(faq)).toContain('F1. Q1?');
    expect(h.emu.pins(crisis.channelId).map((p) => p.ts)).toContain(faq?.ts);
  });
});

describe('with no legal holder and no spokesperson', () => {
  beforeEach(async () => {
    h = await startCustomerHarness();
    crisis = await declare(h);
  });

  it('the lead stands in, recorded as such; others are told the lead may', async () => {
    await run('faq add Q? | A.', BOB);
    const refused = await run('approve F1', BOB);
    expect(refused).toContain('neither role is filled, so the lead stands in');
    expect(refused).toContain('<@U0ALICE>');
    expect(await run('approve F1', ALICE)).toContain('the lead, standing in');
    expect(h.bot.store.timeline.list(crisis.id).find((e) => e.kind === 'faq_approved')?.text).toContain('the lead, standing in');
  });
});

describe('with the shipped playbooks', () => {
  beforeEach(async () => {
    h = await startCustomerHarness({ env: { CRISIS_PLAYBOOKS_DIR: '' } });
    crisis = await declare(h, 'declare recall: Kettle K2 overheating');
  });

  it("the FAQ starts from the crisis type's playbook answers, then the general ones, numbered before any proposal", async () => {
    const shown = readable((await h.driver.slashCommand({ userId: ERIN, channelId: crisis.channelId, text: 'faq' })).json);
    expect(shown).toContain('F1. How do I know if my product is affected?');
    expect(shown).toContain('F2. What should I do with it?');
    expect(shown).toContain('Where can I follow updates?');
    await settle(h);
    // The card counts the answers the playbook started the FAQ with.
    expect(readable(cardOf(h, crisis))).toMatch(/FAQ for support reps: \d+ approved answers · /);
    expect(await run('faq add Can I get a refund instead? | Yes, in full.', BOB)).toContain('Proposed *F');
    expect(h.bot.store.faq.byNumber(crisis.id, 1)?.question).toBe('How do I know if my product is affected?');
  });
});

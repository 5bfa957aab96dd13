/**
 * The demo's statements, one voice to customers: a holding statement from the playbook's
 * pre-approved template, which fills in the crisis title legal has not seen yet, so legal approves
 * it before the spokesperson publishes it with a promise of the next; the update form's customer
 * statement drafted, approved by legal with its button and published in time, keeping that
 * promise; and after the fix an apology (a template promising a next update is refused once the
 * crisis is resolved, so it is written by hand) that legal sends back, the spokesperson edits from
 * his DM, legal approves and he publishes.
 */
import { ACTIONS, INPUTS } from '../slack/ids';
import type { SceneContext } from './recall-scene';

const BOB = 'U0BOB';
const DAVE = 'U0DAVE';

/** S<n>'s message in the channel. */
function messageOf(ctx: SceneContext, channel: string, n: number): string | undefined {
  const crisis = ctx.bot.store.crises.byChannel(channel);
  return crisis ? (ctx.bot.store.statements.byNumber(crisis.id, n)?.messageTs ?? undefined) : undefined;
}

/** A button on S<n>'s message, then whatever follows. */
async function click(ctx: SceneContext, user: string, channel: string, n: number, actionId: string): Promise<void> {
  const ts = messageOf(ctx, channel, n);
  if (!ts) throw new Error(`S${n} has no message in the channel`);
  ctx.out(`  @${ctx.t.names.user(user)} clicks "${actionId.replace('statement_', '')}" on S${n}`);
  await ctx.driver.clickButton({ userId: user, actionId, channelId: channel, messageTs: ts });
  await ctx.t.settle();
  ctx.t.flush();
}

async function submit(ctx: SceneContext, user: string, values: Record<string, string | string[]>): Promise<void> {
  const view = ctx.emu.views().filter((v) => v.user === user && v.open).at(-1);
  if (!view) throw new Error(`@${user} has no modal open`);
  await ctx.driver.submitView({ userId: user, viewId: view.id, values });
  await ctx.t.settle();
  ctx.t.flush();
}

/** 09:19: the holding statement, from the template, straight to the status page. */
export async function holdingStatement(ctx: SceneContext, channel: string): Promise<void> {
  ctx.step(
    "09:19 — Bob drafts the holding statement from the playbook's pre-approved template. It fills in the crisis title, words legal has not seen, so Dave (legal) approves it first. Bob publishes it, promising the next within 45 minutes.",
  );
  ctx.clock.set('2026-11-26T09:19:00Z');
  await ctx.say(BOB, channel, 'statement next 45m from other-holding');
  await ctx.say(DAVE, channel, 'approve S1');
  await ctx.say(BOB, channel, 'publish S1 status page');
}

/** 09:58: the statement from the update form, approved by legal and published before S1's promise runs out. */
export async function reviewedUpdateStatement(ctx: SceneContext, channel: string): Promise<void> {
  ctx.step("09:58 — The update form's customer statement is a draft, S2. Dave (legal) approves it with its button; Bob publishes it before 10:04, keeping S1's promise.");
  ctx.clock.set('2026-11-26T09:58:00Z');
  await click(ctx, DAVE, channel, 2, ACTIONS.statementApprove);
  ctx.clock.set('2026-11-26T09:59:00Z');
  await click(ctx, BOB, channel, 2, ACTIONS.statementPublish);
  // The status page is ticked for a statement to customers; the app banner is recorded beside it.
  await submit(ctx, BOB, { statement_targets: ['status-page'], [INPUTS.statementWhere.block]: 'app banner' });
}

/** 10:41–10:44: the apology, reviewed. */
export async function reviewedApology(ctx: SceneContext, channel: string): Promise<void> {
  ctx.step("10:41 — Bob tries the playbook's apology template, which promises a next update: refused, as a resolved crisis promises nothing. He writes it by hand; legal must review it. Dave sends it back with a comment.");
  ctx.clock.set('2026-11-26T10:41:00Z');
  await ctx.say(BOB, channel, 'statement from other-apology');
  await ctx.say(BOB, channel, "statement We're sorry. About 40% of card payments fail at checkout; failed orders are not charged. That is not the experience you should have with us. Here is what happened: …");
  ctx.clock.set('2026-11-26T10:42:00Z');
  await click(ctx, DAVE, channel, 3, ACTIONS.statementChanges);
  await submit(ctx, DAVE, { [INPUTS.statementComment.block]: 'Replace the "…" with what happened, and say that nobody was charged twice.' });

  ctx.step('10:43 — Bob edits the draft from his DM; Dave approves; Bob publishes it by email.');
  ctx.clock.set('2026-11-26T10:43:00Z');
  const dm = ctx.emu.dmsTo(BOB).filter((m) => m.text.includes('sent back')).at(-1);
  if (!dm) throw new Error('Bob got no DM about S3');
  ctx.out('  @bob clicks "Edit the draft" in his DM');
  await ctx.driver.clickButton({ userId: BOB, actionId: ACTIONS.statementEdit, channelId: dm.channel, messageTs: dm.ts });
  await ctx.t.settle();
  await submit(ctx, BOB, {
    [INPUTS.statementText.block]:
      "We're sorry. This morning our payment provider had an outage and about 40% of card payments failed for 90 minutes. Nobody was charged twice, and failed orders were never charged. We now switch to a backup provider automatically.",
  });
  ctx.clock.set('2026-11-26T10:44:00Z');
  await ctx.say(DAVE, channel, 'approve S3');
  await ctx.say(BOB, channel, 'publish S3 email to affected customers');
  await ctx.say(BOB, channel, 'statements');
}

/**
 * Shared steps for the statement end-to-end tests: a crisis with its voice (lead, spokesperson,
 * legal), a statement's message and state as the channel shows them, the DMs and alerts about
 * promises, and everything stored about statements (to prove a refusal changed nothing).
 */
import type { Crisis } from '../../src/core/crisis';
import type { Statement } from '../../src/features/statements/statements';
import type { EmulatedMessage } from '../../src/emulator';
import type { Harness } from '../helpers/harness';
import { crisisCommand, declare, textOf } from './updates-helpers';

export { buttonIds, card, crisisCommand, textOf } from './updates-helpers';

/** Declares `text` as ALICE (lead) and gives the named roles. */
export async function crisisWith(h: Harness, text: string, roles: Record<string, string> = {}): Promise<Crisis> {
  const crisis = await declare(h, text);
  for (const [user, role] of Object.entries(roles)) {
    const reply = await crisisCommand(h, 'U0ALICE', crisis.channelId, `assign <@${user}> ${role}`);
    if (!reply.text.includes('now')) throw new Error(`assign ${role} failed: ${reply.text}`);
  }
  return crisis;
}

export function statement(h: Harness, crisis: Crisis, n: number): Statement {
  const found = h.bot.store.statements.byNumber(crisis.id, n);
  if (!found) throw new Error(`no S${n} in crisis ${crisis.id}`);
  return found;
}

/** S<n>'s message in the crisis channel, once it is there. */
export function statementMessage(h: Harness, crisis: Crisis, n: number): Promise<EmulatedMessage> {
  return h.emu.waitFor(() => {
    const ts = h.bot.store.statements.byNumber(crisis.id, n)?.messageTs;
    return ts ? h.emu.messages(crisis.channelId).find((m) => m.ts === ts) : undefined;
  });
}

/** The messages in the channel that say a statement was published. */
export function publishedMessages(h: Harness, crisis: Crisis): string[] {
  return h.emu
    .messages(crisis.channelId)
    .filter((m) => (m.blocks ?? []).some((b) => (b as { block_id?: string }).block_id === 'statement_published'))
    .map((m) => textOf(m));
}

/** Promise alerts (reminders in the channel, broken-promise messages) posted to a conversation. */
export function promiseAlerts(messages: readonly EmulatedMessage[]): string[] {
  return messages.filter((m) => (m.blocks ?? []).some((b) => (b as { block_id?: string }).block_id === 'promise_alert')).map((m) => textOf(m));
}

/** Everything stored about a crisis's statements: rows, their alerts and the timeline length. */
export function statementState(h: Harness, crisis: Crisis): string {
  const { store } = h.bot;
  return JSON.stringify([store.statements.list(crisis.id), store.alerts.ofCrisis(crisis.id), store.timeline.list(crisis.id).length]);
}

/** Row counts of the tables a statement command could write. */
export function statementRows(h: Harness): Record<string, number> {
  const count = (table: string): number => (h.bot.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { statements: count('statements'), timeline_events: count('timeline_events'), scheduled_alerts: count('scheduled_alerts') };
}

/** mrkdwn as a person reads it. */
export function seen(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Everything `userId` was told ephemerally (acks, response_url replies, chat.postEphemeral), oldest first. */
export function told(h: Harness, userId: string): string[] {
  return h.emu.ephemerals(undefined, userId).map((e) => [e.text, ...((e.blocks ?? []) as Array<{ text?: { text?: string } }>).map((b) => b.text?.text ?? '')].join('\n'));
}

/** Runs `act`, then waits for the next thing `userId` is told and returns it. */
export async function nextTold(h: Harness, userId: string, act: () => Promise<unknown>): Promise<string> {
  const before = told(h, userId).length;
  await act();
  return h.emu.waitFor(() => told(h, userId)[before]);
}

/** Clicks a button on S<n>'s channel message. */
export async function clickOnStatement(h: Harness, crisis: Crisis, n: number, userId: string, actionId: string): Promise<void> {
  const message = await statementMessage(h, crisis, n);
  const res = await h.driver.clickButton({ userId, actionId, channelId: crisis.channelId, messageTs: message.ts });
  if (res.status !== 200) throw new Error(`click ${actionId} answered ${res.status}`);
}

/** The modal `userId` has open with this callback id (the newest). */
export function openModal(h: Harness, userId: string, callbackId: string) {
  return h.emu.waitFor(() => [...h.emu.views()].reverse().find((v) => v.user === userId && v.open && v.payload.callback_id === callbackId));
}

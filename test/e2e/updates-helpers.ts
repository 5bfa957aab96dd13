/**
 * Shared steps for the update and reminder end-to-end tests: declare a crisis, run a `/crisis`
 * command and read its ephemeral reply (from the ack or the response_url), and pick the bot's
 * reminders, updates and notices out of a channel.
 */
import type { Crisis } from '../../src/core/crisis';
import type { EmulatedMessage } from '../../src/emulator';
import type { TimelineEvent, TimelineKind } from '../../src/core/timeline';
import { ALICE, GENERAL, type Harness } from '../helpers/harness';

export interface Reply {
  /** The text the person sees: from the ack when it carried one, else the response_url post. */
  text: string;
  /** True when nothing reached the response_url (the ack answered). */
  fromAck: boolean;
}

/** Runs `/crisis <text>` and waits for the one ephemeral answer the person gets. */
export async function crisisCommand(h: Harness, userId: string, channelId: string, text: string): Promise<Reply> {
  const before = h.emu.responses().length;
  const ack = await h.driver.slashCommand({ userId, channelId, text });
  expect(ack.status).toBe(200);
  const json = (ack.json ?? {}) as { text?: unknown; response_type?: unknown };
  if (typeof json.text === 'string' && json.text.length > 0) {
    expect(json.response_type).toBe('ephemeral');
    return { text: json.text, fromAck: true };
  }
  const response = await h.emu.waitFor(() => h.emu.responses()[before]);
  expect(response.body.response_type).toBe('ephemeral');
  return { text: String(response.body.text ?? ''), fromAck: false };
}

export async function declare(h: Harness, text = 'declare sev2 Checkout payments failing', userId = ALICE): Promise<Crisis> {
  const count = h.bot.store.crises.listOpen().length;
  const reply = await crisisCommand(h, userId, GENERAL, text);
  expect(reply.text).toContain('Declaring');
  const crisis = await h.emu.waitFor(() => h.bot.store.crises.listOpen()[count]);
  // The "Declared" follow-up arrives after the card, announcement and reminder row are in place.
  await h.emu.waitFor(() => h.emu.responses().some((r) => String(r.body.text ?? '').includes(`<#${crisis.channelId}>`)));
  return crisis;
}

function hasBlock(m: EmulatedMessage, blockId: string): boolean {
  return (m.blocks ?? []).some((b) => (b as { block_id?: unknown }).block_id === blockId);
}

/** The bot's reminder messages in a channel, oldest first. */
export function reminders(h: Harness, channelId: string): EmulatedMessage[] {
  return h.emu.messages(channelId).filter((m) => hasBlock(m, 'reminder_body'));
}

export function updates(h: Harness, channelId: string): EmulatedMessage[] {
  return h.emu.messages(channelId).filter((m) => hasBlock(m, 'update_body'));
}

/** The visible text of a message: every section's mrkdwn and every context element joined. */
export function textOf(m: EmulatedMessage): string {
  const parts: string[] = [];
  for (const raw of m.blocks ?? []) {
    const b = raw as { text?: { text?: string }; fields?: { text?: string }[]; elements?: { text?: unknown }[] };
    if (b.text?.text) parts.push(b.text.text);
    for (const f of b.fields ?? []) if (f.text) parts.push(f.text);
    for (const e of b.elements ?? []) if (typeof e.text === 'string') parts.push(e.text);
  }
  return parts.join('\n');
}

/** Action ids of the buttons on a message. */
export function buttonIds(m: EmulatedMessage): string[] {
  return (m.blocks ?? []).flatMap((raw) => {
    const b = raw as { type?: string; elements?: { type?: string; action_id?: string }[] };
    return b.type === 'actions' ? (b.elements ?? []).filter((e) => e.type === 'button').map((e) => e.action_id ?? '') : [];
  });
}

/** The pinned card as the channel shows it now. */
export function card(h: Harness, crisis: Crisis): EmulatedMessage {
  const fresh = h.bot.store.crises.get(crisis.id);
  const found = h.emu.messages(crisis.channelId).find((m) => m.ts === fresh.cardTs);
  if (!found) throw new Error(`no card for crisis ${crisis.id}`);
  return found;
}

/** The "Next update due" field of the card. */
export function cardNextDue(h: Harness, crisis: Crisis): string {
  const line = textOf(card(h, crisis))
    .split('*Next update due*\n')[1]
    ?.split('\n')[0];
  if (line === undefined) throw new Error('the card has no "Next update due" field');
  return line;
}

export function events(h: Harness, crisisId: number, kind?: TimelineKind): TimelineEvent[] {
  return h.bot.store.timeline.list(crisisId).filter((e) => kind === undefined || e.kind === kind);
}

/** Ticks the reminder service now and resolves with its summary. */
export function tick(h: Harness): ReturnType<Harness['bot']['services']['reminders']['tick']> {
  return h.bot.services.reminders.tick();
}

/** A snapshot of everything the bot stored about a crisis, to prove bad input changed nothing. */
export function storedState(h: Harness, crisisId: number): unknown {
  return {
    crisis: h.bot.store.crises.get(crisisId),
    reminder: h.bot.store.reminders.get(crisisId),
    timeline: h.bot.store.timeline.list(crisisId).length,
  };
}

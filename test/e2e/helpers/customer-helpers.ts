/**
 * Shared pieces for the customer-side end-to-end tests: a harness with the webhook switched on,
 * signed (or deliberately badly signed) POSTs to /hooks/volume, and reading the card and the FAQ
 * message as a person sees them.
 */
import path from 'node:path';
import { ManualClock } from '../../../src/clock';
import type { Crisis } from '../../../src/core/crisis';
import type { EmulatedMessage } from '../../../src/emulator';
import { signBody } from '../../../src/http/webhook-signature';
import { startHarness, type Harness, type HarnessOptions } from '../../helpers/harness';
import { readable } from './declare-helpers';
import { settle } from '../timeline-fixtures';
import { crisisCommand } from '../updates-helpers';

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const T0 = '2026-03-02T09:00:00.000Z';

/** A plan whose crises start with an empty FAQ, so proposals are numbered from F1. */
export const PLAYBOOKS_WITHOUT_FAQ = path.join(__dirname, '..', '..', 'fixtures', 'playbooks-without-faq');

export function startCustomerHarness(options: HarnessOptions = {}): Promise<Harness> {
  return startHarness({
    clock: new ManualClock(T0),
    ...options,
    env: { CRISIS_WEBHOOK_SECRET: WEBHOOK_SECRET, CRISIS_PLAYBOOKS_DIR: PLAYBOOKS_WITHOUT_FAQ, ...options.env },
  });
}

/** Moves the harness clock to `minutes` after T0. */
export function atMinute(h: Harness, minutes: number): void {
  h.clock.set(new Date(Date.parse(T0) + minutes * 60_000));
}

/** Runs `/crisis <text>` in the crisis channel, waits for the work it started, and returns the reply's text. */
export async function runSettled(h: Harness, crisis: Crisis, text: string, userId: string): Promise<string> {
  const reply = await crisisCommand(h, userId, crisis.channelId, text);
  await settle(h);
  return reply.text;
}

export interface HookAnswer {
  status: number;
  body: string;
  json: unknown;
}

export interface HookOptions {
  /** Unix seconds; the harness clock's now by default. */
  timestamp?: number | string | null;
  secret?: string;
  /** A signature header to send instead of the right one; null sends none. */
  signature?: string | null;
  contentType?: string;
}

/** POSTs `body` (an object is sent as JSON) to the bot's /hooks/volume, signed unless told otherwise. */
export async function postVolume(h: Harness, body: unknown, options: HookOptions = {}): Promise<HookAnswer> {
  const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const timestamp = options.timestamp === undefined ? Math.floor(h.clock.now().getTime() / 1000) : options.timestamp;
  const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/json' };
  if (timestamp !== null) headers['X-Crisis-Timestamp'] = String(timestamp);
  const signature = options.signature === undefined ? signBody(options.secret ?? WEBHOOK_SECRET, timestamp ?? '', raw) : options.signature;
  if (signature !== null) headers['X-Crisis-Signature'] = signature;
  const res = await fetch(`http://127.0.0.1:${h.bot.port}/hooks/volume`, { method: 'POST', headers, body: raw });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, body: text, json };
}

export function cardOf(h: Harness, crisis: Crisis): EmulatedMessage {
  const ts = h.bot.store.crises.get(crisis.id).cardTs;
  const card = h.emu.messages(crisis.channelId).find((m) => m.ts === ts);
  if (!card) throw new Error('no card');
  return card;
}

/** The text of one block of a message, by block_id. */
export function blockText(message: EmulatedMessage, blockId: string): string | undefined {
  const block = (message.blocks ?? []).find((b) => typeof b === 'object' && b !== null && (b as { block_id?: string }).block_id === blockId);
  return block === undefined ? undefined : readable(block);
}

/** Bot messages in the channel whose text starts as the FAQ message's does. */
export function faqMessages(h: Harness, crisis: Crisis): EmulatedMessage[] {
  return h.emu.messages(crisis.channelId).filter((m) => m.text.startsWith('FAQ for support reps'));
}

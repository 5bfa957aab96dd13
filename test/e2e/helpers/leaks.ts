/**
 * The check behind the private-crisis tests: which recorded Web API calls, and which replies through
 * a response_url, carry any of a crisis's secrets somewhere other than its channel or a DM to one of
 * its members.
 */
import type { Crisis } from '../../../src/core/crisis';
import type { RecordedCall } from '../../../src/emulator';
import type { Harness } from '../../helpers/harness';

/** The conversation a call speaks in: its channel, or the person of a DM. */
function whereOf(h: Harness, call: RecordedCall): { channel: string; user?: string } {
  const channel = String(call.args.channel ?? call.args.channel_id ?? call.args.user_id ?? '');
  if (/^[UW]/.test(channel)) return { channel, user: channel };
  const im = h.emu.channel(channel);
  return im?.is_im ? { channel, ...(im.imUser ? { user: im.imUser } : {}) } : { channel };
}

/** Each call (`method → where`) or response_url reply that carried one of `secrets` outside the crisis. */
export function leaks(h: Harness, crisis: Crisis, secrets: readonly string[]): string[] {
  const members = h.emu.channel(crisis.channelId)?.members ?? new Set<string>();
  const found: string[] = [];
  for (const call of h.emu.calls()) {
    if (!secrets.some((s) => JSON.stringify(call.args).includes(s))) continue;
    const where = whereOf(h, call);
    const inside = where.channel === crisis.channelId || (where.user !== undefined && members.has(where.user));
    if (!inside) found.push(`${call.method} → ${where.channel}`);
  }
  for (const response of h.emu.responses()) {
    if (secrets.some((s) => JSON.stringify(response.body).includes(s)) && response.context.channelId !== crisis.channelId) found.push(`response_url → ${response.context.channelId}`);
  }
  return found;
}

/** How many recorded calls carry `secret` at all: a leak check is only worth something when this is not 0. */
export function callsCarrying(h: Harness, secret: string): number {
  return h.emu.calls().filter((c) => JSON.stringify(c.args).includes(secret)).length;
}

/** Ephemeral replies to commands: list, roles, cadence, timeline and errors. */
import { type Crisis } from '../../../core/crisis';
import { ROLE_LABELS, ROLES, type Role } from '../../../core/roles';
import { context, escapeText, section } from '../../../slack/views/blocks';
import { holdersText } from '../../crisis';
import type { Message } from '../../../slack/views/messages';

export function buildRolesReply(crisis: Crisis, holders: Record<Role, string[]>): Message {
  const empty = ROLES.filter((r) => holders[r].length === 0).map((r) => ROLE_LABELS[r].toLowerCase());
  const footer = empty.length ? `Empty: ${empty.join(', ')}. \`/crisis assign @person &lt;role&gt;\` fills one.` : 'Every role is filled.';
  return {
    text: `Roles for ${escapeText(crisis.title)}`,
    blocks: [section(`*Roles: ${escapeText(crisis.title)}*\n${holdersText(holders)}`), context(footer)],
  };
}

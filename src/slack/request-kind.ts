/**
 * The kind of a Slack request, as Bolt tells them apart (its getTypeAndConversation), for the
 * metrics' labels. Reads a body without trusting its shape.
 */
import type { RequestKind } from '../metrics';

export function requestKind(body: unknown): RequestKind {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'invalid';
  const b = body as Record<string, unknown>;
  if (b.event !== undefined) return 'event';
  if (b.command !== undefined) return 'command';
  if (b.name !== undefined || b.type === 'block_suggestion') return 'options';
  if (b.actions !== undefined || b.type === 'dialog_submission') return 'action';
  if (b.type === 'shortcut' || b.type === 'message_action') return 'shortcut';
  if (b.type === 'view_submission' || b.type === 'view_closed') return 'view';
  return 'other';
}

/**
 * Turning outcomes into what the person sees: CrisisErrors become an ephemeral reply with the
 * error's own words; a database another process holds busy, or one that fails, is said as such
 * (nothing changed: the write that found it locked was a transaction's first step, and a failing
 * transaction is rolled back); anything unexpected is logged with the crisis context and answered
 * politely.
 */
import type { RespondFn } from '@slack/bolt';
import { isCrisisError } from '../../core/errors';
import { ExternalCallError } from '../../core/ports';
import { busyCause, databaseErrorCode, isDatabaseBusy } from '../../store/database';
import { errorReply, okReply } from '../views/replies';
import type { Message } from '../views/messages';
import type { ListenerDeps } from './deps';

export const DATABASE_BUSY = 'The database is busy; nothing changed. Please try again in a moment.';
export const DATABASE_FAILED = "The database failed; nothing changed. Please try again; if it keeps happening, tell your Slack admin (the bot's log says why).";

export function messageForError(err: unknown, deps: Pick<ListenerDeps, 'logger'>, context: Record<string, unknown>): Message {
  if (isCrisisError(err)) return errorReply(err.message);
  if (isDatabaseBusy(err)) {
    deps.logger.warn(`the database is busy: another connection holds a lock it needs (${busyCause(err)}); nothing changed`, context);
    return errorReply(DATABASE_BUSY);
  }
  const code = databaseErrorCode(err);
  if (code) {
    deps.logger.error(`the database failed (${code}); the transaction was rolled back`, { ...context, error: err });
    return errorReply(DATABASE_FAILED);
  }
  if (err instanceof ExternalCallError) {
    deps.logger.warn('Slack call failed', { ...context, operation: err.operation, code: err.code });
    return errorReply(`Slack could not do that: ${err.humanMessage}`);
  }
  deps.logger.error('unexpected error', { ...context, error: err });
  return errorReply('Something went wrong on our side and was logged. Please try again; if it keeps happening, tell your Slack admin.');
}

export async function respondEphemeral(respond: RespondFn | undefined, message: Message): Promise<void> {
  // An action from a modal or the Home tab carries no response_url, so Bolt gives no respond:
  // there is nowhere to answer, and failing here would only turn the answer into a crash.
  if (typeof respond !== 'function') return;
  await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
}

/** Runs `work` after the ack and reports its result (or error) ephemerally through response_url. */
export async function respondWith(
  respond: RespondFn,
  deps: Pick<ListenerDeps, 'logger'>,
  context: Record<string, unknown>,
  work: () => Promise<{ message: string; warnings?: string[] } | Message>,
): Promise<void> {
  let message: Message;
  try {
    const result = await work();
    message = 'blocks' in result ? result : okReply(result.message, result.warnings ?? []);
  } catch (err) {
    message = messageForError(err, deps, context);
  }
  try {
    await respondEphemeral(respond, message);
  } catch (err) {
    deps.logger.warn('could not reply through response_url', { ...context, error: err });
  }
}

/** Tells a person something when there is no response_url (modals): ephemeral in the channel, else a DM. */
export async function tellUser(deps: ListenerDeps, userId: string, channelId: string | undefined, message: Message): Promise<void> {
  try {
    if (channelId) {
      await deps.api.call('chat.postEphemeral', { channel: channelId, user: userId, text: message.text, blocks: message.blocks });
      return;
    }
  } catch (err) {
    deps.logger.debug('ephemeral failed; falling back to a DM', { userId, error: err });
  }
  try {
    await deps.api.call('chat.postMessage', { channel: userId, text: message.text, blocks: message.blocks });
  } catch (err) {
    deps.logger.warn('could not tell the user', { userId, error: err });
  }
}

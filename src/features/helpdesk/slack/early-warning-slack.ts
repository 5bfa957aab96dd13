/**
 * The early warning in Slack: posting it in the watch channel, and its Declare button, which opens
 * the declare form prefilled with the playbook's type and a title ("Rise in … tickets").
 */
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { CrisisError } from '../../../core/errors';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, respondEphemeral } from '../../../slack/listeners/reply';
import { buildDeclareModal } from '../../crisis';
import type { SlackApi } from '../../../slack/web-api';
import { describeKey } from '../matching';
import type { EarlyWarningPost, EarlyWarningPoster } from '../tickers';
import { buildEarlyWarning, earlyWarningTitle } from './views';

const Posted = z.object({ channel: z.string(), ts: z.string() });

export class SlackEarlyWarningPoster implements EarlyWarningPoster {
  constructor(private readonly api: SlackApi) {}

  async postEarlyWarning(channelId: string, post: EarlyWarningPost): Promise<{ channelId: string; ts: string }> {
    const message = buildEarlyWarning(post);
    const posted = Posted.parse(await this.api.call('chat.postMessage', { channel: channelId, text: message.text, blocks: message.blocks, unfurl_links: false }));
    return { channelId: posted.channel, ts: posted.ts };
  }
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function openDeclareFromWarning(deps: ListenerDeps) {
  return async ({ body, ack, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    try {
      const id = Number(action.value);
      const warning = Number.isSafeInteger(id) ? deps.services.deps.store.helpdesk.warning(id) : undefined;
      if (!warning) throw new CrisisError('not_found', 'That early warning is not known to the bot any more. `/crisis declare` opens the form.');
      const { kind, value } = describeKey(warning.key);
      const title = earlyWarningTitle({ warning: { key: warning.key, kind, value, lastHour: warning.lastHour, median: warning.median, history: [] } });
      await deps.api.call('views.open', { trigger_id: body.trigger_id, view: buildDeclareModal(undefined, deps.services.playbooks.all(), { type: warning.type, title }) });
    } catch (err) {
      await respondEphemeral(respond, messageForError(err, deps, { action: 'early_warning_declare', userId: body.user.id }));
    }
  };
}

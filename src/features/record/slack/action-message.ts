/** A follow-up action as posted in the channel, with its owner, state and a button to close or reopen it. */
import type { KnownBlock } from '@slack/types';
import type { FollowUpAction } from '../follow-up';
import { ACTIONS } from '../../../slack/ids';
import { escapeKeepingMentions, mention, section } from '../../../slack/views/blocks';

export function buildActionMessage(action: FollowUpAction): { text: string; blocks: KnownBlock[] } {
  const done = action.doneAt !== null;
  const owner = action.ownerId ? ` · owner ${mention(action.ownerId)}` : ' · _no owner yet_';
  const state = done ? `:white_check_mark: done${action.doneBy ? ` by ${mention(action.doneBy)}` : ''}` : ':black_square_button: open';
  const text = `*Follow-up action #${action.id}*${owner} · ${state}\n${done ? `~${escapeKeepingMentions(action.text)}~` : escapeKeepingMentions(action.text)}`;
  return {
    // The notification text is mrkdwn too: unescaped, `<!channel>` in an action would ping everyone.
    text: `Follow-up action #${action.id}: ${escapeKeepingMentions(action.text)}`,
    blocks: [
      {
        ...section(text, `action_${action.id}`),
        accessory: {
          type: 'button',
          action_id: ACTIONS.actionToggle,
          // What the click means, not a toggle: a stale button never undoes a change made elsewhere (the App Home).
          value: `${action.id}:${done ? 'reopen' : 'done'}`,
          text: { type: 'plain_text', text: done ? 'Reopen' : 'Mark done' },
        },
      },
    ],
  };
}

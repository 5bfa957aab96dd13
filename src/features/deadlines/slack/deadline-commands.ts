/** `/crisis deadlines` and `deadline start|done|add`. */
import type { PlaybookCommand } from './deadline-grammar';
import { buildDeadlinesReply, clockChangeText, type ClockChangeKind } from './deadline-views';
import type { ClockChange } from '../deadline-service';
import type { CommandArgs, HandlerTable } from '../../../slack/listeners/commands/command-args';
import { channelCommand } from '../../../slack/listeners/commands/command-args';
import type { Message } from '../../../slack/views/messages';
import { okMarkup } from '../../../slack/views/replies';

export async function deadlines({ body, ack, deps, crisis: given }: CommandArgs<'deadlines'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  const reply = buildDeadlinesReply(crisis, deps.services.deadlines.list(crisis), deps.timeZone, deps.clock.now());
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
}

/** A clock change's reply (the view's mrkdwn), with any warnings. */
async function inWords(deps: CommandArgs['deps'], kind: ClockChangeKind, change: Promise<ClockChange>): Promise<Message> {
  const result = await change;
  return okMarkup(clockChangeText(kind, result.clock, deps.timeZone, deps.clock.now()), result.warnings);
}

export const deadlineStart = channelCommand('deadline_start', ({ command, body, deps }, crisis) => {
  const wall = command.time ? { time: command.time, ...(command.date ? { date: command.date } : {}) } : undefined;
  return inWords(deps, 'start', deps.services.deadlines.start(crisis, body.user_id, command.clockId, wall));
});

export const deadlineDone = channelCommand('deadline_done', ({ command, body, deps }, crisis) =>
  inWords(deps, 'done', deps.services.deadlines.done(crisis, body.user_id, command.clockId)),
);

export const deadlineAdd = channelCommand('deadline_add', ({ command, body, deps }, crisis) =>
  inWords(deps, 'add', deps.services.deadlines.add(crisis, body.user_id, command.label, command.minutes)),
);

export const PLAYBOOK_HANDLERS: HandlerTable<PlaybookCommand['kind']> = {
  deadlines,
  deadline_start: deadlineStart,
  deadline_done: deadlineDone,
  deadline_add: deadlineAdd,
};

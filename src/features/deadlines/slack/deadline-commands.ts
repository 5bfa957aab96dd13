/** `/crisis drill …`, `deadlines` and `deadline start|done|add`. */
import type { PlaybookCommand } from './deadline-grammar';
import { buildDeadlinesReply, clockChangeText, type ClockChangeKind } from './deadline-views';
import type { ClockChange } from '../deadline-service';
import { respondWith } from '../../../slack/listeners/reply';
import type { CommandArgs, HandlerTable } from '../../../slack/listeners/commands/command-args';
import { logContext } from '../../../slack/listeners/commands/command-args';

export async function deadlines({ body, ack, deps }: CommandArgs<'deadlines'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  const reply = buildDeadlinesReply(crisis, deps.services.deadlines.list(crisis), deps.timeZone, deps.clock.now());
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
}

/** A clock change after the ack: the service call, then the reply in words. */
async function changeClock(
  { body, ack, respond, deps }: Pick<CommandArgs, 'body' | 'ack' | 'respond' | 'deps'>,
  kind: ClockChangeKind,
  change: () => Promise<ClockChange>,
): Promise<void> {
  await ack();
  await respondWith(respond, deps, logContext(body, `deadline_${kind}`), async () => {
    const result = await change();
    return { message: clockChangeText(kind, result.clock, deps.timeZone, deps.clock.now()), warnings: result.warnings };
  });
}

export async function deadlineStart(args: CommandArgs<'deadline_start'>): Promise<void> {
  const { command, body, deps } = args;
  const crisis = deps.services.crisisInChannel(body.channel_id);
  const wall = command.time ? { time: command.time, ...(command.date ? { date: command.date } : {}) } : undefined;
  await changeClock(args, 'start', () => deps.services.deadlines.start(crisis, body.user_id, command.clockId, wall));
}

export async function deadlineDone(args: CommandArgs<'deadline_done'>): Promise<void> {
  const { command, body, deps } = args;
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await changeClock(args, 'done', () => deps.services.deadlines.done(crisis, body.user_id, command.clockId));
}

export async function deadlineAdd(args: CommandArgs<'deadline_add'>): Promise<void> {
  const { command, body, deps } = args;
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await changeClock(args, 'add', () => deps.services.deadlines.add(crisis, body.user_id, command.label, command.minutes));
}

export const PLAYBOOK_HANDLERS: HandlerTable<PlaybookCommand['kind']> = {
  deadlines,
  deadline_start: deadlineStart,
  deadline_done: deadlineDone,
  deadline_add: deadlineAdd,
};

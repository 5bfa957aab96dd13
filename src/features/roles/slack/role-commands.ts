/** `/crisis assign` and `/crisis unassign`. */
import { channelCommand } from '../../../slack/listeners/commands/command-args';

export const assign = channelCommand('assign', ({ command, body, deps }, crisis) =>
  deps.services.roles.assign(crisis, body.user_id, command.userId, command.role),
);

export const unassign = channelCommand('unassign', ({ command, body, deps }, crisis) =>
  deps.services.roles.unassign(crisis, body.user_id, command.userId, command.role),
);

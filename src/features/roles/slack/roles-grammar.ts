/** The roles' `/crisis` subcommands: assign, unassign, and who holds what. */
import { z } from 'zod';
import { roleFromName, ROLES, roleListForHumans } from '../../../core/roles';
import { fail, mentionOf, shown, userIdSchema, validator, type CommandGroup, type Parsed, type VerbInput } from '../../../slack/commands/grammar';

export const ROLES_SCHEMAS = [
  z.object({ kind: z.literal('assign'), userId: userIdSchema, role: z.enum(ROLES) }),
  z.object({ kind: z.literal('unassign'), userId: userIdSchema, role: z.enum(ROLES).optional() }),
  z.object({ kind: z.literal('roles') }),
] as const;

const RolesSchema = z.discriminatedUnion('kind', ROLES_SCHEMAS);
export type RolesCommand = z.infer<typeof RolesSchema>;
type Result = Parsed<RolesCommand>;
const done = validator(RolesSchema);

declare module '../../../slack/commands/grammar' {
  interface FeatureCommands {
    roles: RolesCommand;
  }
}

const MENTION_HELP = 'Name the person with an @mention, e.g. `/crisis assign @maria spokesperson`.';

function parseAssign({ args }: VerbInput): Result {
  const [a, b, ...rest] = args;
  const user = mentionOf(a) ?? mentionOf(b);
  const roleToken = mentionOf(a) ? b : a;
  if (!user) return fail(`I could not find who to assign. ${MENTION_HELP}`);
  if (!roleToken) return fail(`Which role? Roles: ${roleListForHumans()}.`);
  if (rest.length > 0) return fail(`Assign one person one role at a time, e.g. \`/crisis assign @maria spokesperson\`.`);
  const role = roleFromName(roleToken);
  if (!role) return fail(`${shown(roleToken)} is not a role. Roles: ${roleListForHumans()}.`);
  return done({ kind: 'assign', userId: user, role });
}

function parseUnassign({ args }: VerbInput): Result {
  const [a, b, ...rest] = args;
  const user = mentionOf(a) ?? mentionOf(b);
  const roleToken = mentionOf(a) ? b : a;
  if (!user) return fail('Name the person with an @mention, e.g. `/crisis unassign @maria` or `/crisis unassign @maria legal`.');
  if (rest.length > 0) return fail('Unassign one person at a time, e.g. `/crisis unassign @maria legal`.');
  if (roleToken === undefined) return done({ kind: 'unassign', userId: user });
  const role = roleFromName(roleToken);
  if (!role) return fail(`${shown(roleToken)} is not a role. Roles: ${roleListForHumans()}.`);
  return done({ kind: 'unassign', userId: user, role });
}

export const ROLES_COMMANDS: CommandGroup<RolesCommand> = {
  title: 'Running a crisis',
  schema: RolesSchema,
  verbs: {
    assign: parseAssign,
    unassign: parseUnassign,
    roles: () => done({ kind: 'roles' }),
  },
  usage: [
    ['/crisis assign @person <role>', 'give a role (in the crisis channel)'],
    ['/crisis unassign @person [role]', 'take a role, or all of their roles'],
    ['/crisis roles', 'who holds what, and which roles are empty'],
  ],
  readOnly: ['roles'],
  channelOnly: ['assign', 'unassign', 'roles'],
};

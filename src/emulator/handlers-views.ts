/**
 * views.open (trigger_id issued by the driver, good for 3 seconds of wall time, exchangeable once),
 * views.update (by view_id or external_id, optional hash), views.publish (Home tab per user),
 * plus users.info and auth.test.
 */
import { argString, fail, withBlockIds, type ApiContext, type ApiHandler } from './api-context';
import { checkView } from './block-limits';
import { clone, isObject, str, type JsonObject } from './json';
import { APP_ID, BOT_ID, TEAM_DOMAIN, TRIGGER_TTL_MS, type EmulatorState } from './state';
import type { EmulatedUser, EmulatedView } from './types';

const MAX_VIEW_BYTES = 250 * 1024;

/** The view argument checked against Slack's limits; answers invalid_arguments like Slack. */
function viewArg(args: JsonObject): JsonObject {
  const view = args.view;
  if (!isObject(view)) return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] invalid `view`'] } });
  if (Buffer.byteLength(JSON.stringify(view)) > MAX_VIEW_BYTES) fail('view_too_large');
  const problems = checkView(view);
  if (problems.length > 0) fail('invalid_arguments', { response_metadata: { messages: problems } });
  return view;
}

function requireUniqueExternalId(ctx: ApiContext, view: JsonObject, exceptId?: string): void {
  const externalId = str(view, 'external_id');
  if (!externalId) return;
  for (const existing of ctx.state.views.values()) {
    if (existing.id !== exceptId && existing.open && existing.payload.external_id === externalId) fail('duplicate_external_id');
  }
}

/** The full view object Slack stores and echoes (the keys of a view_submission's `view`). */
export function buildView(state: EmulatorState, input: JsonObject, id: string, previous?: EmulatedView): JsonObject {
  const type = str(input, 'type') ?? 'modal';
  const isModal = type === 'modal';
  const payload: JsonObject = {
    id,
    team_id: state.teamId,
    type,
    blocks: withBlockIds(clone(input.blocks ?? [])),
    private_metadata: str(input, 'private_metadata') ?? '',
    callback_id: str(input, 'callback_id') ?? '',
    state: { values: {} },
    hash: state.newViewHash(),
    ...(input.title !== undefined ? { title: clone(input.title) } : {}),
    clear_on_close: input.clear_on_close === true,
    notify_on_close: input.notify_on_close === true,
    close: isModal && input.close !== undefined ? clone(input.close) : null,
    submit: isModal && input.submit !== undefined ? clone(input.submit) : null,
    previous_view_id: previous ? (previous.payload.previous_view_id ?? null) : null,
    root_view_id: previous ? (previous.payload.root_view_id ?? id) : id,
    app_id: APP_ID,
    external_id: str(input, 'external_id') ?? '',
    app_installed_team_id: state.teamId,
    bot_id: BOT_ID,
  };
  return payload;
}

const open: ApiHandler = (ctx, args) => {
  const triggerId = argString(args, 'trigger_id') || argString(args, 'interactivity_pointer');
  const trigger = ctx.state.triggers.get(triggerId);
  if (!trigger) fail('invalid_trigger_id');
  if (trigger.exchanged) fail('exchanged_trigger_id');
  if (Date.now() - trigger.issuedAtMs > TRIGGER_TTL_MS) fail('expired_trigger_id');
  const input = viewArg(args);
  if (str(input, 'type') !== 'modal') fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] must be modal [json-pointer:/view/type]'] } });
  requireUniqueExternalId(ctx, input);
  trigger.exchanged = true;
  const id = ctx.state.nextId('V');
  const payload = buildView(ctx.state, input, id);
  ctx.state.views.set(id, { id, user: trigger.userId, open: true, payload });
  return { view: clone(payload) };
};

function findView(ctx: ApiContext, args: JsonObject): EmulatedView {
  const viewId = argString(args, 'view_id');
  const externalId = argString(args, 'external_id');
  for (const view of ctx.state.views.values()) {
    if (viewId && view.id === viewId) return view;
    if (!viewId && externalId && view.payload.external_id === externalId) return view;
  }
  return fail('not_found');
}

const update: ApiHandler = (ctx, args) => {
  const existing = findView(ctx, args);
  const hash = argString(args, 'hash');
  if (hash && hash !== existing.payload.hash) fail('hash_conflict');
  const input = viewArg(args);
  requireUniqueExternalId(ctx, input, existing.id);
  existing.payload = buildView(ctx.state, input, existing.id, existing);
  return { view: clone(existing.payload) };
};

const publish: ApiHandler = (ctx, args) => {
  const userId = argString(args, 'user_id');
  const user = ctx.state.users.get(userId);
  if (!user || user.is_bot) fail('invalid_arguments', { response_metadata: { messages: ['invalid `user_id`'] } });
  const input = viewArg(args);
  if (str(input, 'type') !== 'home') fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] must be home [json-pointer:/view/type]'] } });
  const existingId = ctx.state.homeViews.get(userId);
  const existing = existingId ? ctx.state.views.get(existingId) : undefined;
  const hash = argString(args, 'hash');
  if (hash && existing && hash !== existing.payload.hash) fail('hash_conflict');
  const id = existing?.id ?? ctx.state.nextId('V');
  const payload = buildView(ctx.state, input, id);
  ctx.state.views.set(id, { id, user: userId, open: true, payload });
  ctx.state.homeViews.set(userId, id);
  return { view: clone(payload) };
};

export function userObject(user: EmulatedUser, teamId: string): JsonObject {
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    deleted: false,
    real_name: user.real_name,
    tz: user.tz,
    tz_label: 'Coordinated Universal Time',
    tz_offset: 0,
    profile: {
      real_name: user.real_name,
      display_name: user.name,
      real_name_normalized: user.real_name,
      display_name_normalized: user.name,
      ...(user.email ? { email: user.email } : {}),
      ...(user.is_bot ? { bot_id: BOT_ID } : {}),
      team: teamId,
    },
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: user.is_bot,
    is_app_user: false,
    updated: 0,
  };
}

const usersInfo: ApiHandler = (ctx, args) => {
  const user = ctx.state.users.get(argString(args, 'user'));
  if (!user) fail('user_not_found');
  return { user: userObject(user, ctx.state.teamId) };
};

const authTest: ApiHandler = (ctx) => {
  const bot = ctx.state.users.get(ctx.state.botUserId);
  return {
    url: `https://${TEAM_DOMAIN}.slack.com/`,
    team: 'Crisis Emulated',
    user: bot?.name ?? 'crisisbot',
    team_id: ctx.state.teamId,
    user_id: ctx.state.botUserId,
    bot_id: BOT_ID,
    is_enterprise_install: false,
  };
};

export const VIEW_HANDLERS = {
  'views.open': open,
  'views.update': update,
  'views.publish': publish,
  'users.info': usersInfo,
  'auth.test': authTest,
} satisfies Record<string, ApiHandler>;

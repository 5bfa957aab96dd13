/**
 * The parts of interactivity payloads that describe who and where (team, user, channel), the
 * block_actions payload around one action, shaped like Slack's (see payloads/block_actions.json),
 * and the escaping Slack applies to what people type.
 */
import type { InteractionTarget } from './driver-targets';
import type { JsonObject } from './json';
import type { SlackEmulator } from './slack-emulator';
import { APP_ID, TEAM_DOMAIN, VERIFICATION_TOKEN, type EmulatorState } from './state';

/** What the client turns a mention, channel link, broadcast or URL into: kept as a real `<…>` token. */
const SLACK_TOKEN = /<(?:[@#!][^<>\s|]+|(?:https?|mailto):[^<>\s|]+)(?:\|[^<>]*)?>/g;

function escapeEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Text as Slack delivers what a person typed (message text, slash-command text with
 * should_escape): `&`, `<` and `>` become `&amp;`, `&lt;`, `&gt;`, while the tokens the client
 * makes of a mention (`<@U123>`, `<@U123|name>`), a channel (`<#C1|x>`), a broadcast
 * (`<!here>`) or a link stay real tokens. Tests write a mention as its token.
 */
export function escapeTyped(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(SLACK_TOKEN)) {
    out += escapeEntities(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeEntities(text.slice(last));
}

export function teamRef(state: EmulatorState): JsonObject {
  return { id: state.teamId, domain: TEAM_DOMAIN };
}

export function userRef(state: EmulatorState, userId: string): JsonObject {
  const user = state.users.get(userId);
  if (!user) throw new Error(`SlackDriver: no user ${userId} in the emulator`);
  return { id: user.id, username: user.name, name: user.name, team_id: state.teamId };
}

export function channelRef(state: EmulatorState, channelId: string): JsonObject {
  const channel = state.channels.get(channelId);
  if (!channel) throw new Error(`SlackDriver: no channel ${channelId} in the emulator`);
  return { id: channel.id, name: channel.is_im ? 'directmessage' : channel.name };
}

/**
 * Messages carry `channel`, `message` (unless ephemeral) and a response_url that can replace the
 * original; views carry `view` and, as in Slack, neither channel nor response_url.
 */
export function blockActionsPayload(
  emulator: SlackEmulator,
  userId: string,
  target: InteractionTarget,
  action: JsonObject,
  values: JsonObject,
): JsonObject {
  const state = emulator.state;
  const payload: JsonObject = {
    type: 'block_actions',
    user: userRef(state, userId),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    container: target.container,
    trigger_id: emulator.issueTrigger(userId),
    team: teamRef(state),
    enterprise: null,
    is_enterprise_install: false,
  };
  if (target.channelId) payload.channel = channelRef(state, target.channelId);
  if (target.message) payload.message = target.message;
  if (target.view) payload.view = target.view;
  payload.state = { values };
  if (target.channelId) {
    payload.response_url = emulator.issueResponseUrl({
      channelId: target.channelId,
      userId,
      ...(target.messageTs ? { messageTs: target.messageTs, isEphemeral: target.isEphemeral ?? false } : {}),
    });
  }
  payload.actions = [action];
  return payload;
}

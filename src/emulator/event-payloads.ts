/**
 * Events API payloads as Slack sends them: the `event_callback` wrapper (token, team_id,
 * api_app_id, event, event_id, event_time, authorizations) and the inner events the emulator
 * produces itself (pin_added, reaction_added, message, app_home_opened).
 */
import { permalink } from './api-context';
import type { JsonObject } from './json';
import { APP_ID, VERIFICATION_TOKEN, type EmulatorState } from './state';
import type { EmulatedMessage } from './types';

export function newEventId(state: EmulatorState): string {
  return state.nextId('Ev');
}

export function eventCallback(state: EmulatorState, event: JsonObject, eventId?: string): JsonObject {
  return {
    token: VERIFICATION_TOKEN,
    team_id: state.teamId,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId ?? newEventId(state),
    event_time: state.nowSeconds(),
    authorizations: [
      { enterprise_id: null, team_id: state.teamId, user_id: state.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

function channelType(state: EmulatorState, channelId: string): string {
  const channel = state.channels.get(channelId);
  if (channel?.is_im) return 'im';
  return channel?.is_private ? 'group' : 'channel';
}

export function pinAddedEvent(state: EmulatorState, message: EmulatedMessage, pinnedBy: string, pinnedAt: number): JsonObject {
  const { channel, reactions: _reactions, ...rest } = message;
  return {
    type: 'pin_added',
    user: pinnedBy,
    channel_id: channel,
    item: {
      type: 'message',
      created: pinnedAt,
      created_by: pinnedBy,
      channel,
      message: { ...rest, pinned_to: [channel], permalink: permalink(channel, message.ts) },
    },
    item_user: message.user,
    pin_count: state.pinsOf(channel).length,
    pinned_info: { channel, pinned_by: pinnedBy, pinned_ts: pinnedAt },
    event_ts: state.nextTs(),
  };
}

export function reactionAddedEvent(state: EmulatorState, message: EmulatedMessage, userId: string, reaction: string): JsonObject {
  return {
    type: 'reaction_added',
    user: userId,
    reaction,
    item_user: message.user,
    item: { type: 'message', channel: message.channel, ts: message.ts, channel_type: channelType(state, message.channel) },
    event_ts: state.nextTs(),
  };
}

export function messageEvent(state: EmulatorState, message: EmulatedMessage): JsonObject {
  const { reactions: _reactions, ...rest } = message;
  return { ...rest, event_ts: message.ts, channel_type: channelType(state, message.channel) };
}

export function appHomeOpenedEvent(state: EmulatorState, userId: string): JsonObject {
  const im = state.imFor(userId);
  const homeId = state.homeViews.get(userId);
  const view = homeId ? state.views.get(homeId)?.payload : undefined;
  return {
    type: 'app_home_opened',
    user: userId,
    channel: im.id,
    tab: 'home',
    ...(view ? { view } : {}),
    event_ts: state.nextTs(),
  };
}

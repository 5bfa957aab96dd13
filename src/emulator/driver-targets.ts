/**
 * Where a driver interaction lands: finds the button or checkboxes a person would click in the
 * emulator's messages, ephemerals, DMs and views (newest first), and applies a bot's answer to a
 * view_submission (`response_action` update / push / clear / errors, or closing the modal).
 */
import { messageObject } from './api-context';
import { checkView } from './block-limits';
import { buildView } from './handlers-views';
import { interactiveElements, type FoundElement } from './interaction-payloads';
import { clone, isObject, str, type JsonObject } from './json';
import type { SlackEmulator } from './slack-emulator';
import type { EmulatedEphemeral, EmulatedMessage, EmulatedView } from './types';

export interface InteractionTarget {
  found: FoundElement;
  container: JsonObject;
  channelId?: string;
  messageTs?: string;
  isEphemeral?: boolean;
  message?: JsonObject;
  view?: JsonObject;
}

export interface InteractionQuery {
  userId: string;
  actionId: string;
  elementType: string;
  messageTs?: string;
  channelId?: string;
  viewId?: string;
  value?: string;
}

type Source =
  | { kind: 'message'; item: EmulatedMessage }
  | { kind: 'ephemeral'; item: EmulatedEphemeral }
  | { kind: 'view'; item: EmulatedView };

function sources(emulator: SlackEmulator, q: InteractionQuery): Source[] {
  const state = emulator.state;
  if (q.viewId) {
    const view = state.views.get(q.viewId);
    if (!view) throw new Error(`SlackDriver: no view ${q.viewId}`);
    return [{ kind: 'view', item: view }];
  }
  const matches = (channel: string, ts: string): boolean =>
    (q.channelId === undefined || channel === q.channelId) && (q.messageTs === undefined || ts === q.messageTs);
  const found: Source[] = state.ephemerals
    .filter((e) => e.user === q.userId && matches(e.channel, e.ts))
    .map((item): Source => ({ kind: 'ephemeral', item }));
  for (const channel of state.channels.values()) {
    const visible = channel.is_im ? channel.imUser === q.userId : channel.members.has(q.userId);
    if (!visible && q.channelId !== channel.id) continue;
    for (const item of state.messages.get(channel.id) ?? []) {
      if (matches(item.channel, item.ts)) found.push({ kind: 'message', item });
    }
  }
  found.sort((a, b) => tsOf(b).localeCompare(tsOf(a)));
  if (q.channelId === undefined && q.messageTs === undefined) {
    const views = [...state.views.values()].filter((v) => v.user === q.userId && v.open).reverse();
    found.push(...views.map((item): Source => ({ kind: 'view', item })));
  }
  return found;
}

function tsOf(source: Source): string {
  if (source.kind === 'view') return '';
  const [seconds = '', micros = ''] = source.item.ts.split('.');
  return `${seconds.padStart(12, '0')}.${micros}`;
}

function blocksOf(source: Source): unknown {
  return source.kind === 'view' ? source.item.payload.blocks : source.item.blocks;
}

export function findInteraction(emulator: SlackEmulator, q: InteractionQuery): InteractionTarget {
  const searched = sources(emulator, q);
  const seen: string[] = [];
  for (const source of searched) {
    const elements = interactiveElements(blocksOf(source)).filter((e) => e.element.type === q.elementType);
    seen.push(...elements.map((e) => `${str(e.element, 'action_id') ?? '?'}${e.element.value !== undefined ? `=${String(e.element.value)}` : ''}`));
    const hit = elements.find((e) => e.element.action_id === q.actionId && (q.value === undefined || e.element.value === q.value));
    if (hit) return target(source, hit);
  }
  const what = `${q.elementType} with action_id "${q.actionId}"${q.value !== undefined ? ` and value "${q.value}"` : ''}`;
  const where = q.viewId ? `view ${q.viewId}` : `${searched.length} messages/views visible to ${q.userId}${q.channelId ? ` in ${q.channelId}` : ''}${q.messageTs ? ` at ${q.messageTs}` : ''}`;
  throw new Error(`SlackDriver: no ${what} in ${where}; found: [${seen.join(', ')}]`);
}

function target(source: Source, found: FoundElement): InteractionTarget {
  if (source.kind === 'view') {
    return { found, container: { type: 'view', view_id: source.item.id }, view: clone(source.item.payload) };
  }
  const item = source.item;
  const isEphemeral = source.kind === 'ephemeral';
  const container: JsonObject = { type: 'message', message_ts: item.ts, channel_id: item.channel, is_ephemeral: isEphemeral };
  if (item.thread_ts) container.thread_ts = item.thread_ts;
  const result: InteractionTarget = { found, container, channelId: item.channel, messageTs: item.ts, isEphemeral };
  if (source.kind === 'message') result.message = { type: 'message', ...clone(messageObject(source.item)) };
  return result;
}

/** What Slack does with the HTTP answer to a view_submission. */
export function applyViewResponse(emulator: SlackEmulator, submitted: EmulatedView, answer: unknown): void {
  const state = emulator.state;
  const action = isObject(answer) ? str(answer, 'response_action') : undefined;
  if (action === 'errors') return;
  if (action === 'clear') {
    const root = submitted.payload.root_view_id;
    for (const view of state.views.values()) if (view.payload.root_view_id === root) view.open = false;
    return;
  }
  if ((action === 'update' || action === 'push') && isObject(answer)) {
    const next = answer.view;
    const problems = checkView(next);
    if (!isObject(next) || problems.length > 0) {
      throw new Error(`SlackDriver.submitView: the bot answered response_action "${action}" with an invalid view: ${problems.join('; ')}`);
    }
    if (action === 'update') {
      submitted.payload = buildView(state, next, submitted.id, submitted);
      return;
    }
    const id = state.nextId('V');
    const payload = buildView(state, next, id);
    payload.previous_view_id = submitted.id;
    payload.root_view_id = submitted.payload.root_view_id ?? submitted.id;
    state.views.set(id, { id, user: submitted.user, open: true, payload });
    return;
  }
  submitted.open = false;
}

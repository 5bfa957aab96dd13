/**
 * Pure pieces of the interactivity payloads the driver sends: finding interactive elements in
 * blocks, and computing `view.state.values` for a view_submission the way Slack does for each
 * input element type (prefilled from initial values when the test does not set a field).
 */
import { arr, isObject, obj, str, type JsonObject } from './json';

export interface FoundElement {
  element: JsonObject;
  blockId: string;
}

/** Interactive elements of a block list: actions elements, section accessories, input elements. */
export function interactiveElements(blocks: unknown): FoundElement[] {
  const found: FoundElement[] = [];
  if (!Array.isArray(blocks)) return found;
  for (const block of blocks) {
    if (!isObject(block)) continue;
    const blockId = str(block, 'block_id') ?? '';
    for (const element of arr(block, 'elements') ?? []) {
      if (isObject(element) && str(block, 'type') === 'actions') found.push({ element, blockId });
    }
    const accessory = obj(block, 'accessory');
    if (accessory) found.push({ element: accessory, blockId });
    const input = obj(block, 'element');
    if (input) found.push({ element: input, blockId });
  }
  return found;
}

/** The options of a select / radio / checkbox element, option groups flattened. */
export function elementOptions(element: JsonObject): JsonObject[] {
  const direct = (arr(element, 'options') ?? []).filter(isObject);
  const grouped = (arr(element, 'option_groups') ?? []).flatMap((g) => (arr(g, 'options') ?? []).filter(isObject));
  return [...direct, ...grouped];
}

function pickOption(element: JsonObject, value: string, where: string): JsonObject {
  const option = elementOptions(element).find((o) => str(o, 'value') === value);
  if (!option) {
    const values = elementOptions(element).map((o) => str(o, 'value'));
    throw new Error(`${where}: no option with value "${value}" (options: ${values.join(', ')})`);
  }
  return option;
}

function pickOptions(element: JsonObject, values: string[], where: string): JsonObject[] {
  return values.map((v) => pickOption(element, v, where));
}

function asList(value: string | string[] | null): string[] {
  if (value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function asOne(value: string | string[] | null): string | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return value;
}

export type SubmittedValue = string | string[] | null;

/** One element's state entry: the given value, or the element's initial value when undefined. */
export function elementState(element: JsonObject, given: SubmittedValue | undefined, where: string): JsonObject {
  const type = str(element, 'type') ?? '';
  const set = given !== undefined;
  const one = set ? asOne(given) : null;
  const list = set ? asList(given) : [];
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: set ? one : (str(element, 'initial_value') ?? null) };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: set ? (one === null ? null : pickOption(element, one, where)) : (obj(element, 'initial_option') ?? null) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: set ? pickOptions(element, list, where) : (arr(element, 'initial_options') ?? []) };
    case 'users_select':
      return { type, selected_user: set ? one : (str(element, 'initial_user') ?? null) };
    case 'multi_users_select':
      return { type, selected_users: set ? list : (arr(element, 'initial_users') ?? []) };
    case 'conversations_select':
      return { type, selected_conversation: set ? one : (str(element, 'initial_conversation') ?? null) };
    case 'multi_conversations_select':
      return { type, selected_conversations: set ? list : (arr(element, 'initial_conversations') ?? []) };
    case 'channels_select':
      return { type, selected_channel: set ? one : (str(element, 'initial_channel') ?? null) };
    case 'multi_channels_select':
      return { type, selected_channels: set ? list : (arr(element, 'initial_channels') ?? []) };
    case 'datepicker':
      return { type, selected_date: set ? one : (str(element, 'initial_date') ?? null) };
    case 'timepicker':
      return { type, selected_time: set ? one : (str(element, 'initial_time') ?? null) };
    case 'datetimepicker': {
      const initial = element.initial_date_time;
      return { type, selected_date_time: set ? (one === null ? null : Number(one)) : (typeof initial === 'number' ? initial : null) };
    }
    case 'rich_text_input':
      return { type, rich_text_value: richText(set ? (one ?? '') : '') };
    default:
      throw new Error(`${where}: the driver cannot fill a ${type} element`);
  }
}

/** `view.state.values` for every input block of a view, keyed by block_id then action_id. */
export function viewStateValues(view: JsonObject, values: Record<string, SubmittedValue>): JsonObject {
  const inputs = (arr(view, 'blocks') ?? []).filter((b): b is JsonObject => isObject(b) && str(b, 'type') === 'input');
  const known = new Set(inputs.map((b) => str(b, 'block_id') ?? ''));
  const unknown = Object.keys(values).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new Error(`submitView: view ${String(view.id)} has no input block ${unknown.join(', ')} (input blocks: ${[...known].join(', ')})`);
  }
  const state: JsonObject = {};
  for (const block of inputs) {
    const blockId = str(block, 'block_id') ?? '';
    const element = obj(block, 'element');
    const actionId = element ? str(element, 'action_id') : undefined;
    if (!element || !actionId) continue;
    state[blockId] = { [actionId]: elementState(element, values[blockId], `submitView block ${blockId}`) };
  }
  return state;
}

/** A rich_text block holding plain text, as Slack's clients send for typed messages. */
export function richText(text: string): JsonObject {
  return {
    type: 'rich_text',
    block_id: 'rt0',
    elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
  };
}

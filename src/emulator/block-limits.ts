/**
 * Block Kit limits Slack enforces, checked the way Slack reports them: a list of
 * `[ERROR] <what> [json-pointer:/blocks/3/text/text]` messages. Covers block counts, block types,
 * block_id length and uniqueness, header/section/context/actions/input limits, element limits
 * (button text, action_id, value, options, text input lengths) and modal limits (title, submit, close,
 * private_metadata, callback_id).
 */
import { arr, charCount, isObject, obj, str, type JsonObject } from './json';

export const MAX_MESSAGE_BLOCKS = 50;
export const MAX_VIEW_BLOCKS = 100;

const BLOCK_TYPES = new Set([
  'actions', 'context', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'video',
]);
const SELECTS = [
  'static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select',
  'multi_static_select', 'multi_external_select', 'multi_users_select', 'multi_conversations_select', 'multi_channels_select',
];
const ACTION_ELEMENTS = new Set([
  'button', 'checkboxes', 'datepicker', 'datetimepicker', 'overflow', 'radio_buttons', 'timepicker',
  'plain_text_input', 'rich_text_input', 'workflow_button', ...SELECTS,
]);
const ACCESSORY_ELEMENTS = new Set([
  'button', 'checkboxes', 'datepicker', 'image', 'overflow', 'radio_buttons', 'timepicker', 'workflow_button', ...SELECTS,
]);
const INPUT_ELEMENTS = new Set([
  'checkboxes', 'datepicker', 'datetimepicker', 'email_text_input', 'file_input', 'number_input', 'plain_text_input',
  'radio_buttons', 'rich_text_input', 'timepicker', 'url_text_input', ...SELECTS,
]);

class Checker {
  readonly problems: string[] = [];

  add(message: string, pointer: string): void {
    this.problems.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
  }

  maxLength(value: unknown, max: number, pointer: string): void {
    if (typeof value === 'string' && charCount(value) > max) this.add(`must be less than ${max + 1} characters`, pointer);
  }

  /** A text object: `plain_text` (or `mrkdwn` when allowed), 1..max characters. */
  text(value: unknown, pointer: string, max: number, plainOnly: boolean): void {
    if (!isObject(value)) return this.add('must be a text object', pointer);
    const type = str(value, 'type');
    const allowed = plainOnly ? type === 'plain_text' : type === 'plain_text' || type === 'mrkdwn';
    if (!allowed) return this.add(`must be ${plainOnly ? 'plain_text' : 'plain_text or mrkdwn'}`, `${pointer}/type`);
    const text = str(value, 'text');
    if (text === undefined || charCount(text) < 1) return this.add('must be more than 0 characters', `${pointer}/text`);
    this.maxLength(text, max, `${pointer}/text`);
  }

  optionalText(parent: unknown, key: string, pointer: string, max: number, plainOnly: boolean): void {
    if (isObject(parent) && parent[key] !== undefined && parent[key] !== null) this.text(parent[key], `${pointer}/${key}`, max, plainOnly);
  }

  list(value: unknown, pointer: string, min: number, max: number): unknown[] {
    if (!Array.isArray(value)) {
      this.add('must be an array', pointer);
      return [];
    }
    if (value.length < min) this.add(`must provide at least ${min} items`, pointer);
    if (value.length > max) this.add(`no more than ${max} items allowed`, pointer);
    return value;
  }

  options(options: unknown[], pointer: string, plainOnly: boolean): void {
    options.forEach((option, i) => {
      const p = `${pointer}/${i}`;
      this.text(obj(option, 'text'), `${p}/text`, 75, plainOnly);
      const value = str(option, 'value');
      if (value === undefined) this.add('must provide a value', `${p}/value`);
      this.maxLength(value, 150, `${p}/value`);
      this.optionalText(option, 'description', p, 75, plainOnly);
    });
  }

  element(element: unknown, pointer: string, allowed: ReadonlySet<string>): void {
    const type = str(element, 'type');
    if (!isObject(element) || type === undefined) return this.add('must provide a type', pointer);
    if (!allowed.has(type)) return this.add(`unsupported type: ${type}`, `${pointer}/type`);
    this.maxLength(str(element, 'action_id'), 255, `${pointer}/action_id`);
    this.optionalText(element, 'placeholder', pointer, 150, true);
    if (type === 'button') {
      this.text(element.text, `${pointer}/text`, 75, true);
      this.maxLength(str(element, 'value'), 2000, `${pointer}/value`);
      this.maxLength(str(element, 'url'), 3000, `${pointer}/url`);
      const style = str(element, 'style');
      if (style !== undefined && style !== 'primary' && style !== 'danger') this.add('must be primary or danger', `${pointer}/style`);
    } else if (type === 'checkboxes' || type === 'radio_buttons') {
      this.options(this.list(element.options, `${pointer}/options`, 1, 10), `${pointer}/options`, false);
    } else if (type === 'overflow') {
      this.options(this.list(element.options, `${pointer}/options`, 1, 5), `${pointer}/options`, true);
    } else if (type === 'static_select' || type === 'multi_static_select') {
      if (element.options !== undefined) this.options(this.list(element.options, `${pointer}/options`, 1, 100), `${pointer}/options`, true);
      else if (element.option_groups === undefined) this.add('must provide options or option_groups', pointer);
    } else if (type === 'plain_text_input') {
      this.maxLength(str(element, 'initial_value'), 3000, `${pointer}/initial_value`);
      this.inputLengths(element, pointer);
    } else if (type === 'number_input' && typeof element.is_decimal_allowed !== 'boolean') {
      this.add('must provide is_decimal_allowed', `${pointer}/is_decimal_allowed`);
    }
  }

  /** A plain_text_input's min_length is 0..3000 and max_length 1..3000, min never above max. */
  inputLengths(element: JsonObject, pointer: string): void {
    const bound = (key: string, min: number): number | undefined => {
      const value = element[key];
      if (value === undefined) return undefined;
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        this.add('must be an integer', `${pointer}/${key}`);
        return undefined;
      }
      if (value < min) this.add(`must be at least ${min}`, `${pointer}/${key}`);
      else if (value > 3000) this.add('must be less than 3001', `${pointer}/${key}`);
      else return value;
      return undefined;
    };
    const min = bound('min_length', 0);
    const max = bound('max_length', 1);
    if (min !== undefined && max !== undefined && min > max) this.add('min_length must not be greater than max_length', `${pointer}/min_length`);
  }

  block(block: unknown, pointer: string, blockIds: Set<string>): void {
    const type = str(block, 'type');
    if (!isObject(block) || type === undefined) return this.add('must provide a type', pointer);
    if (!BLOCK_TYPES.has(type)) return this.add(`unsupported type: ${type}`, `${pointer}/type`);
    const blockId = block.block_id;
    if (blockId !== undefined) {
      if (typeof blockId !== 'string' || blockId.length === 0) this.add('must be a non-empty string', `${pointer}/block_id`);
      else {
        this.maxLength(blockId, 255, `${pointer}/block_id`);
        if (blockIds.has(blockId)) this.add(`duplicate block_id: ${blockId}`, `${pointer}/block_id`);
        blockIds.add(blockId);
      }
    }
    switch (type) {
      case 'header':
        return this.text(block.text, `${pointer}/text`, 150, true);
      case 'section': {
        if (block.text === undefined && block.fields === undefined) this.add('must provide text or fields', pointer);
        if (block.text !== undefined) this.text(block.text, `${pointer}/text`, 3000, false);
        if (block.fields !== undefined) {
          this.list(block.fields, `${pointer}/fields`, 1, 10).forEach((f, i) => this.text(f, `${pointer}/fields/${i}`, 2000, false));
        }
        if (block.accessory !== undefined) this.element(block.accessory, `${pointer}/accessory`, ACCESSORY_ELEMENTS);
        return;
      }
      case 'context':
        this.list(block.elements, `${pointer}/elements`, 1, 10).forEach((e, i) => {
          const p = `${pointer}/elements/${i}`;
          if (str(e, 'type') === 'image') return;
          this.text(e, p, 3000, false);
        });
        return;
      case 'actions': {
        const actionIds = new Set<string>();
        this.list(block.elements, `${pointer}/elements`, 1, 25).forEach((e, i) => {
          this.element(e, `${pointer}/elements/${i}`, ACTION_ELEMENTS);
          const actionId = str(e, 'action_id');
          if (actionId !== undefined && actionIds.has(actionId)) this.add(`duplicate action_id: ${actionId}`, `${pointer}/elements/${i}/action_id`);
          if (actionId !== undefined) actionIds.add(actionId);
        });
        return;
      }
      case 'input':
        this.text(block.label, `${pointer}/label`, 2000, true);
        this.optionalText(block, 'hint', pointer, 2000, true);
        if (block.element === undefined) return this.add('must provide an element', `${pointer}/element`);
        return this.element(block.element, `${pointer}/element`, INPUT_ELEMENTS);
      case 'image':
        if (str(block, 'image_url') === undefined && block.slack_file === undefined) this.add('must provide image_url or slack_file', pointer);
        if (str(block, 'alt_text') === undefined) this.add('must provide alt_text', `${pointer}/alt_text`);
        this.maxLength(str(block, 'alt_text'), 2000, `${pointer}/alt_text`);
        return this.optionalText(block, 'title', pointer, 2000, true);
      case 'markdown':
        if (str(block, 'text') === undefined) this.add('must provide text', `${pointer}/text`);
        return this.maxLength(str(block, 'text'), 12000, `${pointer}/text`);
      default:
        return;
    }
  }

  blocks(blocks: unknown, pointer: string, maxBlocks: number): void {
    if (!Array.isArray(blocks)) return this.add('must be an array', pointer);
    if (blocks.length > maxBlocks) this.add(`no more than ${maxBlocks} items allowed`, pointer);
    const blockIds = new Set<string>();
    blocks.forEach((b, i) => this.block(b, `${pointer}/${i}`, blockIds));
  }
}

/** Problems with a message's `blocks` (empty when Slack would accept them). */
export function checkMessageBlocks(blocks: unknown): string[] {
  const checker = new Checker();
  checker.blocks(blocks, '/blocks', MAX_MESSAGE_BLOCKS);
  return checker.problems;
}

/** Problems with a modal or Home tab view. */
export function checkView(view: unknown): string[] {
  const checker = new Checker();
  if (!isObject(view)) {
    checker.add('must be an object', '/view');
    return checker.problems;
  }
  const type = str(view, 'type');
  if (type !== 'modal' && type !== 'home') {
    checker.add('must be modal or home', '/view/type');
    return checker.problems;
  }
  if (type === 'modal') {
    checker.text(view.title, '/view/title', 24, true);
    checker.optionalText(view, 'submit', '/view', 24, true);
    checker.optionalText(view, 'close', '/view', 24, true);
    const hasInput = (arr(view, 'blocks') ?? []).some((b) => str(b, 'type') === 'input');
    if (hasInput && view.submit === undefined) checker.add('must provide submit when the view has input blocks', '/view/submit');
  }
  checker.maxLength(str(view, 'private_metadata'), 3000, '/view/private_metadata');
  checker.maxLength(str(view, 'callback_id'), 255, '/view/callback_id');
  checker.maxLength(str(view, 'external_id'), 255, '/view/external_id');
  checker.blocks(view.blocks, '/view/blocks', MAX_VIEW_BLOCKS);
  return checker.problems;
}

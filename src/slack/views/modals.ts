/** The modals: declare, assign roles, post update, add lessons, edit a timeline entry. */
import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { isSingleHolder, ROLE_LABELS, type Role } from '../../core/roles';
import { roleInput } from '../ids';
import { section, truncate } from './blocks';

export function option(text: string, value: string): PlainTextOption {
  return { text: { type: 'plain_text', text: truncate(text, 75) }, value };
}

export function textInput(
  ids: { block: string; action: string },
  label: string,
  opts: { multiline?: boolean; optional?: boolean; max?: number; initial?: string; placeholder?: string; hint?: string } = {},
): InputBlock {
  return {
    type: 'input',
    block_id: ids.block,
    optional: opts.optional ?? false,
    label: { type: 'plain_text', text: label },
    ...(opts.hint ? { hint: { type: 'plain_text' as const, text: opts.hint } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: ids.action,
      multiline: opts.multiline ?? false,
      ...(opts.max ? { max_length: opts.max } : {}),
      ...(opts.initial ? { initial_value: opts.initial } : {}),
      ...(opts.placeholder ? { placeholder: { type: 'plain_text' as const, text: opts.placeholder } } : {}),
    },
  };
}

export function selectInput(
  ids: { block: string; action: string },
  label: string,
  options: PlainTextOption[],
  initial?: string,
  extra: { optional?: boolean; hint?: string } = {},
): InputBlock {
  const initialOption = options.find((o) => o.value === initial);
  return {
    type: 'input',
    block_id: ids.block,
    label: { type: 'plain_text', text: label },
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: { type: 'plain_text' as const, text: truncate(extra.hint, 2000) } } : {}),
    element: {
      type: 'static_select',
      action_id: ids.action,
      options,
      ...(initialOption ? { initial_option: initialOption } : {}),
    },
  };
}

export function usersInput(role: Role, current: string[], optional = true): InputBlock {
  const ids = roleInput(role);
  const label = { type: 'plain_text' as const, text: ROLE_LABELS[role] };
  if (isSingleHolder(role)) {
    return {
      type: 'input',
      block_id: ids.block,
      optional,
      label,
      element: { type: 'users_select', action_id: ids.action, ...(current[0] ? { initial_user: current[0] } : {}) },
    };
  }
  return {
    type: 'input',
    block_id: ids.block,
    optional,
    label,
    element: { type: 'multi_users_select', action_id: ids.action, ...(current.length ? { initial_users: current } : {}) },
  };
}

/** A form modal: our callback id, a title, a submit label, private metadata and its blocks. */
export function form(callbackId: string, title: string, submit: string, privateMetadata: string, blocks: ModalView['blocks']): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: { type: 'plain_text', text: title },
    submit: { type: 'plain_text', text: submit },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: privateMetadata,
    blocks,
  };
}


/** A modal that only tells something: "Declaring…", then the result. */
export function buildMessageModal(title: string, markdown: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate(title, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(markdown)],
  };
}

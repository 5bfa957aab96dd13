/**
 * The Publish form's "Deliver to" checkboxes: the configured targets, the statement's audience's
 * default ticked (customers → status page, support macro → Zendesk). What is ticked becomes the
 * targets of `publish S<n> <target>, …`; the form's free text is recorded beside them.
 */
import type { InputBlock } from '@slack/types';
import { option } from '../../../slack/views/modals';
import { targetLabel, targetWord, type Target } from '../publish-targets';

export const PUBLISH_TARGETS_INPUT = { block: 'statement_targets', action: 'statement_targets_input' } as const;

export interface TargetChoices {
  targets: Target[];
  selected: Target | undefined;
}

export function targetCheckboxes(choices: TargetChoices): InputBlock[] {
  if (choices.targets.length === 0) return [];
  const options = choices.targets.map((t) => option(targetLabel(t), targetWord(t)));
  const initial = options.filter((o) => choices.selected !== undefined && o.value === targetWord(choices.selected));
  return [
    {
      type: 'input',
      block_id: PUBLISH_TARGETS_INPUT.block,
      optional: true,
      label: { type: 'plain_text', text: 'Deliver to' },
      hint: { type: 'plain_text', text: 'The bot delivers the approved words there, retrying until each has them. `/crisis deliveries` shows how it goes.' },
      element: { type: 'checkboxes', action_id: PUBLISH_TARGETS_INPUT.action, options, ...(initial.length ? { initial_options: initial } : {}) },
    },
  ];
}

/** The ticked targets and the free text as one `where`, as `/crisis publish S<n> …` takes it. */
export function whereFrom(ticked: readonly string[], typed: string): string {
  return [...ticked, typed.trim()].filter(Boolean).join(', ');
}

/**
 * Block Kit → readable terminal text, for the demo: what a person would see in Slack. Mentions
 * and channel links become @name and #name; buttons show as [Button].
 */
import { z } from 'zod';

const Text = z.object({ text: z.string() }).passthrough();
const Block = z
  .object({
    type: z.string(),
    text: Text.optional(),
    fields: z.array(Text).optional(),
    elements: z.array(z.object({ type: z.string(), text: z.union([z.string(), Text]).optional() }).passthrough()).optional(),
    accessory: z.object({ type: z.string(), text: Text.optional(), options: z.array(z.object({ text: Text })).optional() }).passthrough().optional(),
    label: Text.optional(),
    optional: z.boolean().optional(),
  })
  .passthrough();

export interface Names {
  user(id: string): string;
  channel(id: string): string;
}

export function plain(text: string, names: Names): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => `@${names.user(id)}`)
    .replace(/<#([CGD][A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => `#${names.channel(id)}`)
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function textOf(value: string | { text: string } | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.text;
}

export function renderBlocks(blocks: unknown, fallback: string, names: Names, indent = '    '): string {
  const parsed = z.array(Block).safeParse(blocks);
  if (!parsed.success || parsed.data.length === 0) return indent + plain(fallback, names).split('\n').join(`\n${indent}`);
  const lines: string[] = [];
  for (const block of parsed.data) {
    switch (block.type) {
      case 'header':
        lines.push(`== ${plain(textOf(block.text), names)} ==`);
        break;
      case 'section': {
        if (block.text) lines.push(plain(block.text.text, names));
        if (block.fields) lines.push(block.fields.map((f) => plain(f.text, names).replace(/\n/g, ': ')).join('   |   '));
        const acc = block.accessory;
        if (acc?.type === 'button' && acc.text) lines.push(`[${acc.text.text}]`);
        if (acc?.type === 'checkboxes' && acc.options) lines.push(...acc.options.map((o) => `[ ] ${plain(o.text.text, names)}`));
        break;
      }
      case 'context':
        lines.push(`(${(block.elements ?? []).map((e) => plain(textOf(e.text), names)).join(' · ')})`);
        break;
      case 'actions':
        lines.push((block.elements ?? []).map((e) => `[${textOf(e.text)}]`).join(' '));
        break;
      case 'input':
        lines.push(`${block.label?.text ?? ''}${block.optional ? ' (optional)' : ''}: [ … ]`);
        break;
      case 'divider':
        lines.push('----');
        break;
      default:
        break;
    }
  }
  return lines
    .join('\n')
    .split('\n')
    .map((l) => `${indent}${l}`)
    .join('\n');
}

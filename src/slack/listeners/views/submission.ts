/**
 * Reading modal submissions: Slack's state.values into typed input through zod, and the
 * private_metadata we put there ourselves (also checked: it comes back from the client); and the
 * answer that keeps a modal open with a field's error.
 */
import type { AckFn, ViewOutput, ViewResponseAction } from '@slack/bolt';
import { z } from 'zod';
import { ROLES, type Role } from '../../../core/roles';
import { cleanText } from '../../../core/text';
import { roleInput } from '../../ids';
import type { Crisis } from '../../../core/crisis';
import { mrkdwn } from '../../views/words';
import type { ListenerDeps } from '../deps';

type Values = ViewOutput['state']['values'];

/**
 * One element's state. A shape Slack would not send (a number for a text, a missing block) reads
 * as an empty field: the person gets a field error, and the listener never throws before its ack.
 */
function state(values: Values | undefined, ids: { block: string; action: string }): Record<string, unknown> | undefined {
  const block: unknown = values?.[ids.block];
  const element: unknown = typeof block === 'object' && block !== null ? (block as Record<string, unknown>)[ids.action] : undefined;
  return typeof element === 'object' && element !== null ? (element as Record<string, unknown>) : undefined;
}

function read<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A text field as typed, cleaned at the edge (no NUL, no bidi override: src/domain/text.ts). */
export function textValue(values: Values, ids: { block: string; action: string }): string {
  return cleanText(read(z.string(), state(values, ids)?.value) ?? '');
}

export function selectedValue(values: Values, ids: { block: string; action: string }): string | undefined {
  return read(z.object({ value: z.string() }), state(values, ids)?.selected_option)?.value;
}

/** A users_select's pick (one person). */
export function userValue(values: Values, ids: { block: string; action: string }): string | undefined {
  return read(z.string().regex(/^[UW][A-Z0-9]+$/), state(values, ids)?.selected_user);
}

export function dateTimeValue(values: Values, ids: { block: string; action: string }): number | undefined {
  return read(z.number().int(), state(values, ids)?.selected_date_time);
}

export function checkedValues(values: Values, ids: { block: string; action: string }): string[] {
  return (read(z.array(z.object({ value: z.string() })), state(values, ids)?.selected_options) ?? []).map((o) => o.value);
}

/** Every role's picked users; single-holder roles come from users_select, others from multi_users_select. */
export function rosterValue(values: Values): Record<Role, string[]> {
  const roster: Record<Role, string[]> = { lead: [], spokesperson: [], info: [], legal: [], support: [] };
  for (const role of ROLES) {
    const s = state(values, roleInput(role));
    const one = read(z.string(), s?.selected_user);
    const many = read(z.array(z.string()), s?.selected_users) ?? [];
    roster[role] = [...(one ? [one] : []), ...many];
  }
  return roster;
}

const CrisisMeta = z.object({ crisisId: z.number().int().positive() });
const EntryMeta = CrisisMeta.extend({ entryId: z.number().int().positive() });
const DeclareMeta = z.object({ channelId: z.string().nullable() });
const UpdateMeta = CrisisMeta.extend({ impactShown: z.string().optional() });

/** private_metadata we wrote, checked again with `schema`: it comes back from the client. */
export function parseMeta<T>(schema: z.ZodType<T>, raw: string): T {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('private_metadata is not JSON');
  }
  return schema.parse(json);
}

export const meta = {
  crisis: (raw: string) => parseMeta(CrisisMeta, raw),
  entry: (raw: string) => parseMeta(EntryMeta, raw),
  declare: (raw: string) => parseMeta(DeclareMeta, raw),
  update: (raw: string) => parseMeta(UpdateMeta, raw),
};

/** Keeps the modal open with `message` under the field `block`. */
/**
 * A modal's field error, in words (a CrisisError's message, or the listener's own), rendered as the
 * same refusal is in a reply (`mrkdwn`), as field errors always were.
 */
export async function fieldError(ack: AckFn<ViewResponseAction>, block: string, words: string): Promise<void> {
  await ack({ response_action: 'errors', errors: { [block]: mrkdwn(words) } });
}

/** The crisis a modal was opened for (its private metadata names it). */
export function crisisOf(deps: ListenerDeps, privateMetadata: string): Crisis {
  return deps.services.deps.store.crises.get(meta.crisis(privateMetadata).crisisId);
}

/**
 * Reading modal submissions: Slack's state.values into typed input through zod, and the
 * private_metadata we put there ourselves (also checked: it comes back from the client).
 */
import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { ROLES, type Role } from '../../../domain/roles';
import { roleInput } from '../../ids';

type Values = ViewOutput['state']['values'];

function state(values: Values, ids: { block: string; action: string }) {
  return values[ids.block]?.[ids.action];
}

export function textValue(values: Values, ids: { block: string; action: string }): string {
  return z.string().nullish().parse(state(values, ids)?.value) ?? '';
}

export function selectedValue(values: Values, ids: { block: string; action: string }): string | undefined {
  return z.string().optional().parse(state(values, ids)?.selected_option?.value ?? undefined);
}

export function dateTimeValue(values: Values, ids: { block: string; action: string }): number | undefined {
  return z.number().int().nullish().parse(state(values, ids)?.selected_date_time) ?? undefined;
}

export function checkedValues(values: Values, ids: { block: string; action: string }): string[] {
  return (state(values, ids)?.selected_options ?? []).map((o) => z.string().parse(o.value));
}

/** Every role's picked users; single-holder roles come from users_select, others from multi_users_select. */
export function rosterValue(values: Values): Record<Role, string[]> {
  const roster: Record<Role, string[]> = { lead: [], spokesperson: [], info: [], legal: [], support: [] };
  for (const role of ROLES) {
    const s = state(values, roleInput(role));
    const one = z.string().nullish().parse(s?.selected_user);
    const many = z.array(z.string()).optional().parse(s?.selected_users) ?? [];
    roster[role] = [...(one ? [one] : []), ...many];
  }
  return roster;
}

const CrisisMeta = z.object({ crisisId: z.number().int().positive() });
const EntryMeta = CrisisMeta.extend({ entryId: z.number().int().positive() });
const DeclareMeta = z.object({ channelId: z.string().nullable() });

function parseMeta<T>(schema: z.ZodType<T>, raw: string): T {
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
};

/**
 * Who may do the consequential things, and the refusal that names who may instead. Pure.
 * - Resolving, reopening and changing the severity: the lead, the declarer and the configured admins.
 * - Giving, taking or handing over lead, legal or spokesperson (the roles that run the response and
 *   guard what customers are told): the same people, and the holder handing over their own role.
 *   info and support stay open to anyone in the channel.
 * - Editing the timeline (text, time, hiding): the lead, the info gatherers, the declarer and admins.
 * Every refusal names the people who may, so the person knows whom to ask, and nothing changes.
 */
import type { Crisis } from './crisis';
import { CrisisError } from './errors';
import { ROLE_LABELS, type Role } from './roles';
import { person } from './words';

export type ManagedAction = 'resolve' | 'reopen' | 'change the severity';

/** The roles only the lead, the declarer and admins give or take (their holder may hand them over). */
export const GUARDED_ROLES: readonly Role[] = ['lead', 'spokesperson', 'legal'];

export function isGuardedRole(role: Role): boolean {
  return GUARDED_ROLES.includes(role);
}

/** How many admins a refusal names one by one; the rest are counted. */
const ADMINS_NAMED = 5;

type Holders = Pick<Record<Role, readonly string[]>, 'lead'> & Partial<Record<Role, readonly string[]>>;

export function canManage(crisis: Pick<Crisis, 'declaredBy'>, leadIds: readonly string[], admins: readonly string[], userId: string): boolean {
  return userId === crisis.declaredBy || leadIds.includes(userId) || admins.includes(userId);
}

/**
 * "Ask A (lead), B (declarer) or a crisis admin (C, D)", each a person token (./words.ts): each person once, with every
 * capacity they have, in the order given; admins not named otherwise are grouped, and beyond the
 * first few only counted.
 */
export function askWhoMay(people: ReadonlyArray<readonly [string, string]>, admins: readonly string[]): string {
  const labels = new Map<string, string[]>();
  for (const [id, label] of people) labels.set(id, [...(labels.get(id) ?? []), label]);
  const uniqueAdmins = [...new Set(admins)];
  for (const id of uniqueAdmins) labels.get(id)?.push('crisis admin');
  const names = [...labels].map(([id, of]) => `${person(id)} (${[...new Set(of)].join(', ')})`);
  const others = uniqueAdmins.filter((id) => !labels.has(id));
  if (others.length > 0) {
    const more = others.length - ADMINS_NAMED;
    names.push(`a crisis admin (${others.slice(0, ADMINS_NAMED).map((id) => person(id)).join(', ')}${more > 0 ? ` and ${more} more` : ''})`);
  }
  return `Ask ${orList(names)}.`;
}

/** "a", "a or b", "a, b or c". */
function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

/** "the lead, the person who declared this crisis or a crisis admin" (admins only when there are some). */
function whoMayWords(capacities: readonly string[], admins: readonly string[]): string {
  return orList([...capacities, ...(admins.length ? ['a crisis admin'] : [])]);
}

function managers(crisis: Pick<Crisis, 'declaredBy'>, leadIds: readonly string[]): Array<readonly [string, string]> {
  return [...leadIds.map((id) => [id, 'lead'] as const), [crisis.declaredBy, 'declarer'] as const];
}

export function assertCanManage(
  crisis: Pick<Crisis, 'declaredBy'>,
  leadIds: readonly string[],
  admins: readonly string[],
  userId: string,
  action: ManagedAction,
  field?: string,
): void {
  if (canManage(crisis, leadIds, admins, userId)) return;
  throw new CrisisError(
    'forbidden',
    `Only ${whoMayWords(['the lead', 'the person who declared this crisis'], admins)} can ${action}. ${askWhoMay(managers(crisis, leadIds), admins)} Nothing changed.`,
    field,
  );
}

/** One role's change: who is given it and who is relieved of it. */
export interface RoleChange {
  role: Role;
  adds: readonly string[];
  relieves: readonly string[];
}

/**
 * info and support: anyone. lead, spokesperson, legal: the lead, the declarer, an admin, or the
 * holder when the only person relieved is themselves (handing over their own role, or stepping down).
 */
export function canChangeRole(crisis: Pick<Crisis, 'declaredBy'>, holders: Holders, admins: readonly string[], userId: string, change: RoleChange): boolean {
  if (!isGuardedRole(change.role)) return true;
  if (canManage(crisis, holders.lead, admins, userId)) return true;
  return change.relieves.length > 0 && change.relieves.every((id) => id === userId) && (holders[change.role] ?? []).includes(userId);
}

export function assertCanChangeRole(
  crisis: Pick<Crisis, 'declaredBy'>,
  holders: Holders,
  admins: readonly string[],
  userId: string,
  change: RoleChange,
  field?: string,
): void {
  if (canChangeRole(crisis, holders, admins, userId, change)) return;
  const label = ROLE_LABELS[change.role].toLowerCase();
  const current = (holders[change.role] ?? []).filter((id) => id !== userId);
  const holderAsk = change.role === 'lead' ? [] : current.map((id) => [id, label] as const);
  const what = change.role === 'lead' ? 'the lead' : `the ${label} role`;
  throw new CrisisError(
    'forbidden',
    `Only ${whoMayWords(['the lead', 'the person who declared this crisis'], admins)} can give, take or hand over ${what}; its holder may hand over their own. ` +
      `${askWhoMay([...managers(crisis, holders.lead), ...holderAsk], admins)} Nothing changed.`,
    field,
  );
}

/** Correcting or hiding a timeline entry: the lead, the info gatherers, the declarer and admins. */
export function canEditTimeline(crisis: Pick<Crisis, 'declaredBy'>, holders: Holders, admins: readonly string[], userId: string): boolean {
  return canManage(crisis, holders.lead, admins, userId) || (holders.info ?? []).includes(userId);
}

export function assertCanEditTimeline(crisis: Pick<Crisis, 'declaredBy'>, holders: Holders, admins: readonly string[], userId: string, field?: string): void {
  if (canEditTimeline(crisis, holders, admins, userId)) return;
  const people = [...holders.lead.map((id) => [id, 'lead'] as const), ...(holders.info ?? []).map((id) => [id, 'info gatherer'] as const), [crisis.declaredBy, 'declarer'] as const];
  throw new CrisisError(
    'forbidden',
    `Only ${whoMayWords(['the lead', 'the info gatherers', 'the person who declared this crisis'], admins)} can edit the timeline. ${askWhoMay(people, admins)} Nothing changed.`,
    field,
  );
}

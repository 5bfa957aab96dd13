/**
 * Who may do the consequential things: resolve, reopen, change severity and hand over the lead.
 * The lead, the declarer and the configured admins; everything else is open to the channel.
 */
import type { Crisis } from './crisis';
import { CrisisError } from './errors';

export type ManagedAction = 'resolve' | 'reopen' | 'change the severity' | 'hand over the lead';

export function canManage(crisis: Pick<Crisis, 'declaredBy'>, leadIds: readonly string[], admins: readonly string[], userId: string): boolean {
  return userId === crisis.declaredBy || leadIds.includes(userId) || admins.includes(userId);
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
  const who = [...new Set([...leadIds, crisis.declaredBy])].map((id) => `<@${id}>`).join(', ');
  throw new CrisisError(
    'forbidden',
    `Only the lead${admins.length ? ', the person who declared this crisis or a crisis admin' : ' or the person who declared this crisis'} can ${action}. Ask ${who}.`,
    field,
  );
}

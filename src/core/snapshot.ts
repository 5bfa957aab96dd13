/**
 * Reading a crisis with its current role holders and what each feature adds, and keeping the pinned
 * card in step with it. Shared by every service that changes something the card shows.
 */
import { CrisisError } from './errors';
import { assertCanChangeRole, assertCanManage, type ManagedAction, type RoleChange } from './permissions';
import { currentHolders } from './roles';
import type { Crisis } from './crisis';
import type { ServiceDeps } from './deps';
import { registeredFeatures } from './feature-module';
import { ExternalCallError, type CrisisSnapshot } from './ports';
import { renderPeople } from './words';

/** What building a snapshot reads: the store and the playbooks (the registered features add their facts). */
export type SnapshotReader = Pick<ServiceDeps, 'store' | 'playbooks'>;

/** The crisis with its holders and label, and every registered feature's facts (its `snapshot`). */
export function snapshotOf(deps: SnapshotReader, crisis: Crisis): CrisisSnapshot {
  const base = {
    crisis,
    holders: currentHolders(deps.store.roles.active(crisis.id)),
    typeLabel: deps.playbooks.label(crisis.type),
  };
  // Each feature's part is declared in CrisisSnapshot by its own index.ts; together they make the whole.
  return Object.assign(base, ...registeredFeatures().map((f) => f.snapshot?.(deps, crisis) ?? {})) as CrisisSnapshot;
}

export function snapshotById(deps: SnapshotReader, crisisId: number): CrisisSnapshot {
  return snapshotOf(deps, deps.store.crises.get(crisisId));
}

/**
 * The crisis as stored now. Listeners read a crisis and then await their ack, so the object a
 * service is given may predate a resolve or a status change; every state-changing method starts
 * here, and nothing may await between this read, its checks and the transaction that writes.
 */
export function current(deps: Pick<ServiceDeps, 'store'>, given: Pick<Crisis, 'id'>): Crisis {
  return deps.store.crises.get(given.id);
}

/**
 * The one "who may manage" check (resolve, reopen, severity): the current lead, the declarer or an
 * admin. `field` names the modal block the refusal belongs to.
 */
export function assertManager(deps: Pick<ServiceDeps, 'store' | 'settings'>, crisis: Crisis, actorId: string, action: ManagedAction, field?: string): void {
  const leads = currentHolders(deps.store.roles.active(crisis.id)).lead;
  assertCanManage(crisis, leads, deps.settings.admins, actorId, action, field);
}

/**
 * Who may give, take or hand over a role (domain/permissions.ts), against the holders as stored
 * now: every way of changing a role (assign, unassign, handover, the roles form) checks here.
 */
export function assertRoleChange(deps: Pick<ServiceDeps, 'store' | 'settings'>, crisis: Crisis, actorId: string, change: RoleChange, field?: string): void {
  const holders = currentHolders(deps.store.roles.active(crisis.id));
  assertCanChangeRole(crisis, holders, deps.settings.admins, actorId, change, field);
}

/** The crisis whose channel this is, or a CrisisError telling the person where commands work. */
export function crisisInChannel(deps: Pick<ServiceDeps, 'store'>, channelId: string): Crisis {
  const crisis = deps.store.crises.byChannel(channelId);
  if (!crisis) {
    throw new CrisisError(
      'not_crisis_channel',
      'This works only in a crisis channel. `/crisis list` shows the open crises; `/crisis declare` starts one.',
    );
  }
  return crisis;
}

/**
 * Re-renders the pinned card. The change it reflects is already stored, so a Slack failure here
 * is logged, not thrown: the next change or reminder repaints the card.
 */
export async function refreshCard(deps: ServiceDeps, crisisId: number): Promise<void> {
  const snapshot = snapshotById(deps, crisisId);
  if (!snapshot.crisis.cardTs) return;
  try {
    await deps.notifier.updateCard(snapshot);
  } catch (err) {
    deps.logger.warn('could not update the crisis card', { crisisId, error: err });
  }
}

/** Runs a best-effort Slack step; returns a line for the person when it failed. */
export async function bestEffort(deps: ServiceDeps, what: string, fn: () => Promise<unknown>, fields: Record<string, unknown> = {}): Promise<string | null> {
  try {
    await fn();
    return null;
  } catch (err) {
    deps.logger.warn(`${renderPeople(what, (id) => id)} failed`, { ...fields, error: err });
    const human = err instanceof ExternalCallError ? err.humanMessage : 'Slack returned an unexpected error.';
    return `Could not ${what}: ${human}`;
  }
}

/**
 * The Slack side of a change already stored: its best-effort steps (started by the caller, so they
 * are already on their way) and the card's repaint, all at once; the warnings, in the steps' order.
 */
export async function afterStored(deps: ServiceDeps, crisisId: number, steps: ReadonlyArray<Promise<string | null>>): Promise<string[]> {
  const [warnings] = await Promise.all([Promise.all(steps), refreshCard(deps, crisisId)]);
  return warnings.filter((w): w is string => w !== null);
}

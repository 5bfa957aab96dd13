/**
 * Assigning, handing over and relieving roles (checklists: checklist-service.ts). Every change and its
 * timeline rows are written in one transaction; then the Slack side goes out at once (none of it
 * depends on another): the invitations, each new holder's checklist DM, the relieved people's DMs,
 * the handover notices and the card. A failure there is reported to the person without undoing
 * the assignment.
 */
import { CrisisError } from '../../core/errors';
import { isOpen, type Crisis } from '../../core/crisis';
import { currentHolders, isSingleHolder, ROLE_CHECKLISTS, ROLE_LABELS, ROLES, type Role } from '../../core/roles';
import type { StoredAssignment } from '../../core/repos/roles-repo';
import type { Store } from '../../core/store';
import type { ServiceDeps, ServiceSettings } from '../../core/deps';
import type { ChecklistService } from './checklist-service';
import { touchHome } from '../../core/people-ports';
import { endShift, planShift } from './shift-alerts';
import { afterStored, assertRoleChange, bestEffort, current, snapshotById } from '../../core/snapshot';
import { people, person } from '../../core/words';

export interface RoleChangeResult {
  /** What happened, for the person who asked. */
  message: string;
  /** Slack steps that could not be done (the assignment stands). */
  warnings: string[];
}

export interface PlannedChange {
  kind: 'assign' | 'relieve';
  role: Role;
  userId: string;
  /** For a handover: who is relieved by this assignment. */
  replaces?: string;
}

type Desired = Record<Role, string[]>;

/**
 * Records one assignment (a handover's relief is the caller's) and its `role_assigned` row. Called
 * inside the caller's transaction: by RoleService, and by declare for the first lead.
 */
export function recordAssignment(
  store: Store,
  crisisId: number,
  change: Omit<PlannedChange, 'kind'>,
  actorId: string,
  at: string,
  /** The crisis type's checklist for the role (PlaybookCatalog.checklistFor). */
  checklist: readonly string[] = ROLE_CHECKLISTS[change.role],
  /** CRISIS_SHIFT_HOURS: the stint's break offer is planned with it. */
  settings: Pick<ServiceSettings, 'shiftHours'> = {},
): StoredAssignment {
  const assignment = store.roles.insert(crisisId, change.role, change.userId, actorId, at, checklist);
  planShift(store, settings, assignment, at);
  store.timeline.append(
    crisisId,
    {
      kind: 'role_assigned',
      occurredAt: at,
      actorId,
      text: change.replaces
        ? `${ROLE_LABELS[change.role]} handed over from ${person(change.replaces)} to ${person(change.userId)}`
        : `${person(change.userId)} assigned as ${ROLE_LABELS[change.role].toLowerCase()}`,
      data: { role: change.role, user_id: change.userId, handover_from: change.replaces ?? null },
    },
    at,
  );
  return assignment;
}

export class RoleService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly checklists: ChecklistService,
  ) {}

  async assign(given: Crisis, actorId: string, userId: string, role: Role): Promise<RoleChangeResult> {
    const crisis = current(this.deps, given);
    this.assertAssignable(crisis, userId);
    const holders = currentHolders(this.deps.store.roles.active(crisis.id));
    if (holders[role].includes(userId)) {
      throw new CrisisError('already_done', `${person(userId)} is already ${ROLE_LABELS[role].toLowerCase()}. Nothing changed.`);
    }
    const replaces = isSingleHolder(role) ? holders[role][0] : undefined;
    assertRoleChange(this.deps, crisis, actorId, { role, adds: [userId], relieves: replaces ? [replaces] : [] });
    const change: PlannedChange = { kind: 'assign', role, userId, ...(replaces ? { replaces } : {}) };
    const warnings = await this.apply(crisis, actorId, [change]);
    const message = replaces
      ? `Handed over ${ROLE_LABELS[role].toLowerCase()} from ${person(replaces)} to ${person(userId)}.`
      : `${person(userId)} is now ${ROLE_LABELS[role].toLowerCase()}.`;
    return { message, warnings };
  }

  async unassign(given: Crisis, actorId: string, userId: string, role?: Role): Promise<RoleChangeResult> {
    const crisis = current(this.deps, given);
    const holders = currentHolders(this.deps.store.roles.active(crisis.id));
    const held = ROLES.filter((r) => holders[r].includes(userId) && (role === undefined || r === role));
    if (held.length === 0) {
      throw new CrisisError(
        'not_found',
        role ? `${person(userId)} is not ${ROLE_LABELS[role].toLowerCase()} in this crisis. Nothing changed.` : `${person(userId)} holds no role in this crisis. Nothing changed.`,
      );
    }
    for (const r of held) assertRoleChange(this.deps, crisis, actorId, { role: r, adds: [], relieves: [userId] });
    const warnings = await this.apply(
      crisis,
      actorId,
      held.map((r) => ({ kind: 'relieve', role: r, userId })),
    );
    return { message: `${person(userId)} no longer holds: ${held.map((r) => ROLE_LABELS[r].toLowerCase()).join(', ')}.`, warnings };
  }

  /** Applies a whole desired roster (from the roles modal or the declare modal) as one transaction. */
  async applyRoster(given: Crisis, actorId: string, desired: Partial<Desired>): Promise<RoleChangeResult> {
    const crisis = current(this.deps, given);
    const changes = this.planRoster(crisis, actorId, desired);
    if (changes.length === 0) return { message: 'No role changed.', warnings: [] };
    const warnings = await this.apply(crisis, actorId, changes);
    const assigned = changes.filter((c) => c.kind === 'assign').length;
    const relieved = changes.filter((c) => c.kind === 'relieve').length;
    return { message: `Roles updated: ${assigned} assigned, ${relieved} relieved.`, warnings };
  }

  /**
   * The changes a roster would make, checked (one holder where there is one, no bot, who may give,
   * take or hand over lead, spokesperson and legal) without writing anything: modals call it before
   * they acknowledge.
   */
  planRoster(crisis: Crisis, actorId: string, desired: Partial<Desired>): PlannedChange[] {
    this.assertOpen(crisis);
    this.checkRoster(desired);
    const holders = currentHolders(this.deps.store.roles.active(crisis.id));
    const changes: PlannedChange[] = [];
    for (const role of ROLES) {
      const wanted = desired[role];
      if (wanted === undefined) continue;
      const unique = [...new Set(wanted)];
      const held = holders[role];
      const added = unique.filter((id) => !held.includes(id));
      const removed = held.filter((id) => !unique.includes(id));
      if (isSingleHolder(role) && added[0]) {
        assertRoleChange(this.deps, crisis, actorId, { role, adds: [added[0]], relieves: held.slice(0, 1) }, `role_${role}`);
        changes.push({ kind: 'assign', role, userId: added[0], ...(held[0] ? { replaces: held[0] } : {}) });
      } else {
        if (added.length || removed.length) assertRoleChange(this.deps, crisis, actorId, { role, adds: added, relieves: removed }, `role_${role}`);
        for (const id of removed) changes.push({ kind: 'relieve', role, userId: id });
        for (const id of added) changes.push({ kind: 'assign', role, userId: id });
      }
    }
    return changes;
  }

  /**
   * A roster's shape on its own (nobody twice in a one-holder role, not the bot), with the modal
   * field of the first mistake. Needs no crisis: declare checks its first roles before making anything.
   */
  checkRoster(desired: Partial<Desired>): void {
    for (const role of ROLES) {
      const unique = [...new Set(desired[role] ?? [])];
      for (const id of unique) this.assertNotBot(id, role);
      if (isSingleHolder(role) && unique.length > 1) {
        throw new CrisisError('bad_input', `${ROLE_LABELS[role]} has one holder; pick one person.`, `role_${role}`);
      }
    }
  }

  /**
   * A handover HandoverService worked out and checked: one assignment that relieves `replaces`,
   * with `record` writing the handover's own rows in the same transaction.
   */
  async handOver(given: Crisis, actorId: string, change: Omit<PlannedChange, 'kind'>, record: (created: StoredAssignment, at: string) => void): Promise<string[]> {
    const crisis = current(this.deps, given);
    this.assertAssignable(crisis, change.userId);
    return this.apply(crisis, actorId, [{ kind: 'assign', ...change }], (created, at) => {
      for (const assignment of created) record(assignment, at);
    });
  }

  private assertAssignable(crisis: Crisis, userId: string): void {
    this.assertOpen(crisis);
    this.assertNotBot(userId);
  }

  private assertOpen(crisis: Crisis): void {
    if (!isOpen(crisis)) {
      throw new CrisisError('conflict', 'This crisis is resolved. Use `/crisis reopen` before changing roles.');
    }
  }

  private assertNotBot(userId: string, role?: Role): void {
    if (userId === this.deps.settings.botUserId) {
      throw new CrisisError('bad_input', 'I can\'t hold a role myself; pick a person.', role ? `role_${role}` : undefined);
    }
  }

  /**
   * Writes the changes in one transaction, then does the Slack side: invites, DMs, card. `within`
   * writes a caller's own rows (a handover) in that transaction.
   */
  private async apply(crisis: Crisis, actorId: string, changes: PlannedChange[], within?: (created: StoredAssignment[], at: string) => void): Promise<string[]> {
    const { store, clock } = this.deps;
    const at = clock.now().toISOString();
    const created: StoredAssignment[] = [];
    const relievedPeople: Array<{ userId: string; role: Role }> = [];

    store.transaction(() => {
      const active = store.roles.active(crisis.id);
      const relieve = (role: Role, userId: string, reason: 'handover' | 'unassigned'): void => {
        for (const a of active.filter((x) => x.role === role && x.userId === userId && x.relievedAt === null)) {
          store.roles.relieve(a.id, actorId, at);
          endShift(store, a, at);
          a.relievedAt = at;
          store.timeline.append(
            crisis.id,
            {
              kind: 'role_relieved',
              occurredAt: at,
              actorId,
              text: `${person(userId)} relieved as ${ROLE_LABELS[role].toLowerCase()}`,
              data: { role, user_id: userId, reason },
            },
            at,
          );
          relievedPeople.push({ userId, role });
        }
      };
      for (const change of changes) {
        if (change.kind === 'relieve') {
          relieve(change.role, change.userId, 'unassigned');
          continue;
        }
        if (change.replaces) relieve(change.role, change.replaces, 'handover');
        created.push(recordAssignment(store, crisis.id, change, actorId, at, this.deps.playbooks.checklistFor(crisis.type, change.role), this.deps.settings));
      }
      within?.(created, at);
    });

    return this.afterChange(crisis, actorId, changes, created, relievedPeople);
  }

  private async afterChange(
    crisis: Crisis,
    actorId: string,
    changes: PlannedChange[],
    created: StoredAssignment[],
    relievedPeople: Array<{ userId: string; role: Role }>,
  ): Promise<string[]> {
    const deps = this.deps;
    const fields = { crisisId: crisis.id };
    const newPeople = [...new Set(created.map((a) => a.userId))];
    const snapshot = snapshotById(deps, crisis.id);
    const invites = newPeople.length
      ? [bestEffort(deps, `invite ${people(newPeople)} to the channel`, () => deps.notifier.invite(crisis.channelId, newPeople), fields)]
      : [];
    const checklists = created.map((assignment) =>
      bestEffort(deps, `send ${person(assignment.userId)} their checklist`, () => this.checklists.send(assignment), fields),
    );
    const relieved = relievedPeople
      .filter(({ userId, role }) => !created.some((a) => a.userId === userId && a.role === role))
      .map(({ userId, role }) => bestEffort(deps, `tell ${person(userId)} they were relieved`, () => deps.notifier.tellRelieved(userId, snapshot, role, actorId), fields));
    const notices = changes.flatMap((change) => {
      if (change.kind !== 'assign' || !change.replaces) return [];
      const notice = { kind: 'handover' as const, role: change.role, from: change.replaces, to: change.userId, by: actorId };
      return [bestEffort(deps, 'announce the handover in the channel', () => deps.notifier.postNotice(snapshot, notice), fields)];
    });
    touchHome(deps, [...created.map((a) => a.userId), ...relievedPeople.map((r) => r.userId)]);
    return afterStored(deps, crisis.id, [...invites, ...checklists, ...relieved, ...notices]);
  }
}

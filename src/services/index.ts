/** Builds every service from one set of dependencies. */
import type { Crisis } from '../domain/crisis';
import { currentHolders } from '../domain/roles';
import type { StoredAssignment } from '../store/repos/roles-repo';
import { CustomerServices } from './customer-services';
import { DeclareService } from './declare-service';
import type { ServiceDeps } from './deps';
import type { CrisisSnapshot } from './ports';
import { ReminderService, type ReminderServiceOptions } from './reminder-service';
import { ResolveService } from './resolve-service';
import { RoleService } from './role-service';
import { crisisInChannel, snapshotOf } from './snapshot';
import { TimelineService } from './timeline-service';
import { UpdateService } from './update-service';

export interface Services {
  deps: ServiceDeps;
  declare: DeclareService;
  roles: RoleService;
  updates: UpdateService;
  reminders: ReminderService;
  timeline: TimelineService;
  resolve: ResolveService;
  /** Impact, volume, remedies and the FAQ for support reps. */
  customer: CustomerServices;
  /** The crisis of a channel, or a CrisisError saying where the command works. */
  crisisInChannel(channelId: string): Crisis;
  snapshot(crisis: Crisis): CrisisSnapshot;
  openCrises(limit: number): { snapshots: CrisisSnapshot[]; total: number };
}

/** The open crises with their holders and reminders in three queries, not three per crisis: this answers `/crisis list` in the ack. */
function openSnapshots(deps: ServiceDeps, limit: number): { snapshots: CrisisSnapshot[]; total: number } {
  const { store } = deps;
  const crises = store.crises.listOpen(limit);
  const assignments = new Map<number, StoredAssignment[]>();
  for (const a of store.roles.activeOfOpen(limit)) assignments.set(a.crisisId, [...(assignments.get(a.crisisId) ?? []), a]);
  const reminders = new Map(store.reminders.ofOpen(limit).map((r) => [r.crisisId, r]));
  return {
    snapshots: crises.map((crisis) => ({ crisis, holders: currentHolders(assignments.get(crisis.id) ?? []), reminder: reminders.get(crisis.id) })),
    total: store.crises.countOpen(),
  };
}

export function createServices(deps: ServiceDeps, reminderOptions: ReminderServiceOptions = {}): Services {
  const roles = new RoleService(deps);
  return {
    deps,
    declare: new DeclareService(deps, roles),
    roles,
    updates: new UpdateService(deps),
    reminders: new ReminderService(deps, reminderOptions),
    timeline: new TimelineService(deps),
    resolve: new ResolveService(deps),
    customer: new CustomerServices(deps),
    crisisInChannel: (channelId) => crisisInChannel(deps, channelId),
    snapshot: (crisis) => snapshotOf(deps, crisis),
    openCrises: (limit) => openSnapshots(deps, limit),
  };
}

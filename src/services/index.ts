/** Builds every service from one set of dependencies. */
import type { Crisis } from '../core/crisis';
import type { PlaybookCatalog } from '../core/playbook';
import { currentHolders } from '../core/roles';
import type { StoredAssignment } from '../core/repos/roles-repo';
import { ChecklistService } from '../features/roles/checklist-service';
import { deadlineAlertHandler } from '../features/deadlines/deadline-alerts';
import { DeadlineService } from '../features/deadlines/deadline-service';
import { CustomerServices } from '../features/customer/customer-services';
import { DeclareService } from '../features/crisis/declare-service';
import { DeclareProgress } from '../features/crisis/declare-progress';
import { DeclareRepair } from '../features/crisis/declare-repair';
import type { ServiceDeps } from '../core/deps';
import { HandoverService } from '../features/roles/handover-service';
import { HomeService } from '../features/people/home-service';
import { LEGAL_NEEDED_KIND, legalNeededHandler } from '../features/statements/legal-alerts';
import { statementsForHome } from '../features/statements/home-statements';
import type { CrisisSnapshot } from '../core/ports';
import { ReminderService, type ReminderServiceOptions } from '../features/updates/reminder-service';
import { ReportService } from '../features/people/report-service';
import { ResolveService } from '../features/record/resolve-service';
import { RoleService } from '../features/roles/role-service';
import { ScheduledAlertService, type AlertHandler } from '../core/scheduled-alert-service';
import { shiftAlertHandler } from '../features/roles/shift-alerts';
import { crisisInChannel, snapshotOf } from '../core/snapshot';
import { promiseAlertHandler } from '../features/statements/statement-alerts';
import { StatementReviewService } from '../features/statements/statement-review';
import { StatementService } from '../features/statements/statement-service';
import { TimelineService } from '../features/record/timeline-service';
import { PublishingService } from '../features/publishing/publishing-service';
import { rereadAfterWrites } from '../core/reread-after-writes';
import { UpdateService } from '../features/updates/update-service';

export interface Services {
  deps: ServiceDeps;
  declare: DeclareService;
  /** Finishes or undoes declares cut short (a crash, a failed clean-up): at start-up and on every tick. */
  declareRepair: DeclareRepair;
  roles: RoleService;
  /** Ticking checklist items, and each holder's checklist DM. */
  checklists: ChecklistService;
  updates: UpdateService;
  reminders: ReminderService;
  timeline: TimelineService;
  resolve: ResolveService;
  deadlines: DeadlineService;
  /** Customer statements: drafting, editing, reading; `statementReview` approves and publishes them. */
  statements: StatementService;
  statementReview: StatementReviewService;
  /** Sends scheduled alerts (deadline reminders, missed deadlines) on the reminder tick. */
  alerts: ScheduledAlertService;
  playbooks: PlaybookCatalog;
  /** Handing a role over with a note and the outgoing holder's open items. */
  handover: HandoverService;
  /** What one person's App Home shows. */
  home: HomeService;
  /** The report across crises. */
  report: ReportService;
  /** What the scheduler ticks, by name: update reminders, then scheduled alerts, then declares cut short. */
  tickers: Record<string, { tick(): Promise<object> }>;
  /** Impact, volume, remedies and the FAQ for support reps. */
  customer: CustomerServices;
  /** Public names, the status page and the delivery outbox (Statuspage, Zendesk, webhooks). */
  publishing: PublishingService;
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
    snapshots: crises.map((crisis) => ({
      crisis,
      holders: currentHolders(assignments.get(crisis.id) ?? []),
      reminder: reminders.get(crisis.id),
      typeLabel: deps.playbooks.label(crisis.type),
    })),
    total: store.crises.countOpen(),
  };
}

/**
 * Every kind of scheduled alert and its handler. A new kind (a promise reminder, a shift break)
 * is a handler and a line here; see ScheduledAlertService.
 */
function alertHandlers(deps: ServiceDeps): Record<string, AlertHandler> {
  return {
    deadline_reminder: deadlineAlertHandler(deps, 'deadline_reminder'),
    deadline_missed: deadlineAlertHandler(deps, 'deadline_missed'),
    promise_reminder: promiseAlertHandler(deps, 'promise_reminder'),
    promise_broken: promiseAlertHandler(deps, 'promise_broken'),
    promise_broken_dm: promiseAlertHandler(deps, 'promise_broken_dm'),
    [LEGAL_NEEDED_KIND]: legalNeededHandler(deps),
    shift_break: shiftAlertHandler(deps),
  };
}

export function createServices(deps: ServiceDeps, reminderOptions: ReminderServiceOptions = {}): Services {
  const checklists = new ChecklistService(deps);
  const roles = new RoleService(deps, checklists);
  const deadlines = new DeadlineService(deps);
  const reminders = new ReminderService(deps, reminderOptions);
  const alerts = new ScheduledAlertService(deps, alertHandlers(deps), reminderOptions);
  const statements = new StatementService(deps);
  const openCrises = rereadAfterWrites(deps.store, (limit): { snapshots: CrisisSnapshot[]; total: number } => openSnapshots(deps, limit));
  const declareProgress = new DeclareProgress(deps);
  const declareRepair = new DeclareRepair(deps, declareProgress, roles, checklists);
  const publishing = new PublishingService(deps);
  return {
    deps,
    declare: new DeclareService(deps, roles, checklists, declareProgress),
    declareRepair,
    roles,
    checklists,
    updates: new UpdateService(deps),
    reminders,
    timeline: new TimelineService(deps),
    resolve: new ResolveService(deps, deadlines),
    deadlines,
    statements,
    statementReview: new StatementReviewService(deps, statements, publishing),
    alerts,
    playbooks: deps.playbooks,
    handover: new HandoverService(deps, roles),
    home: new HomeService(deps, openCrises, statementsForHome(statements)),
    report: new ReportService(deps),
    tickers: { reminders, alerts, declares: declareRepair, publishing },
    customer: new CustomerServices(deps),
    publishing,
    crisisInChannel: (channelId) => crisisInChannel(deps, channelId),
    snapshot: (crisis) => snapshotOf(deps, crisis),
    openCrises,
  };
}

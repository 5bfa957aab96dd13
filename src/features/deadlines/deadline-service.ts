/**
 * Deadline clocks: started from the playbook in the declaration's own transaction, added by hand,
 * restarted from the moment the company became aware, and marked done. Each change, its alerts
 * (rescheduled or cancelled) and its timeline row are written in one transaction, after a fresh
 * read of the crisis with nothing awaited in between; the card follows and may only warn. The
 * alerts themselves are sent by ScheduledAlertService (see deadline-alerts.ts).
 */
import { addMinutes } from '../../core/cadence';
import { isOpen, type Crisis } from '../../core/crisis';
import { formatDebriefTime } from '../record';
import {
  assertCanManageDeadlines,
  deadlineSubject,
  manualReminders,
  MAX_CLOCK_LABEL,
  MAX_CLOCK_MINUTES,
  MIN_CLOCK_MINUTES,
  metInTime,
  planClockAlerts,
  resolveStartTime,
  type DeadlineClock,
  type WallTime,
} from './deadlines';
import { CrisisError } from '../../core/errors';
import type { DeadlineSpec } from '../../core/playbook';
import { currentHolders } from '../../core/roles';
import type { NewClock } from './deadlines-repo';
import type { Store } from '../../core/store';
import type { ServiceDeps } from '../../core/deps';
import { current, refreshCard } from '../../core/snapshot';
import { cutGraphemes } from '../../core/text';
import { person } from '../../core/words';

export interface ClockChange {
  clock: DeadlineClock;
  warnings: string[];
}

/** Stores a clock, its timeline row and its alerts. Call inside the caller's transaction. */
function startClock(store: Store, crisisId: number, clock: NewClock, now: Date): DeadlineClock {
  const stored = store.deadlines.insert(crisisId, clock);
  store.alerts.schedule(crisisId, planClockAlerts(stored, now), clock.createdAt);
  store.timeline.append(
    crisisId,
    {
      kind: 'deadline_started',
      occurredAt: clock.createdAt,
      actorId: clock.createdBy,
      text: `Clock ${stored.clockId}: ${stored.label}`,
      data: { clock_id: stored.clockId, due_at: stored.dueAt, label: stored.label, source: stored.source, started_at: stored.startedAt },
    },
    clock.createdAt,
  );
  return stored;
}

/**
 * The playbook's clocks, started at the declaration. Called inside declare's transaction, so a
 * crisis never exists without the clocks its plan gives it.
 */
export function startPlaybookClocks(store: Store, crisisId: number, specs: readonly DeadlineSpec[], actorId: string, at: string): DeadlineClock[] {
  return specs.map((spec) =>
    startClock(
      store,
      crisisId,
      {
        clockId: spec.id,
        label: spec.label,
        source: 'playbook',
        dueAfterMinutes: spec.dueAfterMinutes,
        remindBeforeMinutes: spec.remindBeforeMinutes,
        startedAt: at,
        dueAt: addMinutes(at, spec.dueAfterMinutes),
        createdBy: actorId,
        createdAt: at,
      },
      new Date(at),
    ),
  );
}

export class DeadlineService {
  constructor(private readonly deps: ServiceDeps) {}

  list(crisis: Pick<Crisis, 'id'>): DeadlineClock[] {
    return this.deps.store.deadlines.list(crisis.id);
  }

  /** Restarts a clock from `wall` (default now): the moment the company became aware. */
  async start(given: Crisis, actorId: string, clockId: string, wall?: WallTime): Promise<ClockChange> {
    const { store, clock: time, settings } = this.deps;
    const crisis = current(this.deps, given);
    this.assertOpen(crisis, 'restart a clock');
    this.assertMayChange(crisis, actorId);
    const clock = this.openClock(crisis, clockId);
    const now = time.now();
    const startedAt = wall ? resolveStartTime(wall, now, settings.timeZone) : now.toISOString();
    const dueAt = addMinutes(startedAt, clock.dueAfterMinutes);
    const at = now.toISOString();
    const subject = deadlineSubject(clock.clockId);
    const restarted = store.transaction(() => {
      store.deadlines.restart(clock.id, startedAt, dueAt);
      const fresh = store.deadlines.get(clock.id);
      store.alerts.cancelSubject(crisis.id, subject, at);
      store.alerts.schedule(crisis.id, planClockAlerts(fresh, now, { missedAlreadySent: store.alerts.wasSent(crisis.id, subject, 'deadline_missed') }), at);
      store.timeline.append(
        crisis.id,
        {
          kind: 'deadline_restarted',
          occurredAt: at,
          actorId,
          text: `Clock ${fresh.clockId} restarted from ${formatDebriefTime(startedAt, settings.timeZone)}: ${fresh.label}`,
          data: { clock_id: fresh.clockId, due_at: dueAt, started_at: startedAt, previous_due_at: clock.dueAt },
        },
        at,
      );
      return fresh;
    });
    await refreshCard(this.deps, crisis.id);
    return { clock: restarted, warnings: [] };
  }

  /** Marks a clock met (or done late); its pending reminders are cancelled. */
  async done(given: Crisis, actorId: string, clockId: string): Promise<ClockChange> {
    const { store, clock: time } = this.deps;
    // Allowed after resolution too: a duty can be met after the crisis is over, and the debrief should say so.
    const crisis = current(this.deps, given);
    this.assertMayChange(crisis, actorId);
    const clock = this.openClock(crisis, clockId);
    const at = time.now().toISOString();
    const finished = store.transaction(() => {
      store.deadlines.markDone(clock.id, at, actorId);
      store.alerts.cancelSubject(crisis.id, deadlineSubject(clock.clockId), at);
      const fresh = store.deadlines.get(clock.id);
      const met = metInTime(fresh);
      store.timeline.append(
        crisis.id,
        {
          kind: 'deadline_done',
          occurredAt: at,
          actorId,
          text: `${met ? 'Met' : 'Done late'}: ${fresh.label}`,
          data: { clock_id: fresh.clockId, due_at: fresh.dueAt, met },
        },
        at,
      );
      return fresh;
    });
    await refreshCard(this.deps, crisis.id);
    return { clock: finished, warnings: [] };
  }

  /** A clock of the team's own, due `minutes` from now; its id is `d<n>`. */
  async add(given: Crisis, actorId: string, label: string, minutes: number): Promise<ClockChange> {
    const { store, clock: time } = this.deps;
    const crisis = current(this.deps, given);
    this.assertOpen(crisis, 'add a clock');
    this.assertMayChange(crisis, actorId);
    const text = label.trim().replace(/\s+/g, ' ');
    if (text.length === 0 || Array.from(text).length > MAX_CLOCK_LABEL) {
      throw new CrisisError('bad_input', `Give the clock a label of 1 to ${MAX_CLOCK_LABEL} characters, e.g. \`/crisis deadline add Call the insurer in 4h\`. Nothing changed.`);
    }
    if (!Number.isInteger(minutes) || minutes < MIN_CLOCK_MINUTES || minutes > MAX_CLOCK_MINUTES) {
      throw new CrisisError('bad_input', 'A clock runs from 1 minute to 90 days: `in <N>m`, `in <N>h` or `in <N>d`. Nothing changed.');
    }
    const now = time.now();
    const at = now.toISOString();
    const added = store.transaction(() =>
      startClock(
        store,
        crisis.id,
        {
          clockId: store.deadlines.nextManualId(crisis.id),
          label: text,
          source: 'manual',
          dueAfterMinutes: minutes,
          remindBeforeMinutes: manualReminders(minutes),
          startedAt: at,
          dueAt: addMinutes(at, minutes),
          createdBy: actorId,
          createdAt: at,
        },
        now,
      ),
    );
    await refreshCard(this.deps, crisis.id);
    return { clock: added, warnings: [] };
  }

  /**
   * Reopening: the open clocks get their alerts back (resolving cancelled them). Call inside
   * reopen's transaction. Reminders whose time passed while resolved are not sent; "missed" is,
   * unless the team was already told.
   */
  resume(crisisId: number, at: string): void {
    const { store } = this.deps;
    const now = new Date(at);
    for (const clock of store.deadlines.list(crisisId)) {
      if (clock.doneAt !== null) continue;
      const subject = deadlineSubject(clock.clockId);
      const missedAlreadySent = store.alerts.wasSent(crisisId, subject, 'deadline_missed');
      // A new generation: the keys of the cancelled alerts are taken.
      store.deadlines.restart(clock.id, clock.startedAt, clock.dueAt);
      const fresh = store.deadlines.get(clock.id);
      const planned = planClockAlerts(fresh, now, { missedAlreadySent }).map((a) =>
        a.kind === 'deadline_reminder' && Date.parse(a.dueAt) <= now.getTime() ? { ...a, state: 'skipped' as const } : a,
      );
      store.alerts.schedule(crisisId, planned, at);
    }
  }

  private assertOpen(crisis: Crisis, what: string): void {
    if (!isOpen(crisis)) throw new CrisisError('conflict', `This crisis is resolved, so its clocks are stopped. Use \`/crisis reopen\` first to ${what}. Nothing changed.`);
  }

  private assertMayChange(crisis: Crisis, actorId: string): void {
    const holders = currentHolders(this.deps.store.roles.active(crisis.id));
    assertCanManageDeadlines(crisis, holders, this.deps.settings.admins, actorId);
  }

  /** The clock a person named, not yet done; otherwise what there is, and nothing changes. */
  private openClock(crisis: Crisis, clockId: string): DeadlineClock {
    const clocks = this.deps.store.deadlines.list(crisis.id);
    const clock = clocks.find((c) => c.clockId === clockId.toLowerCase());
    if (!clock) {
      const open = clocks.filter((c) => c.doneAt === null).map((c) => `\`${c.clockId}\``);
      const known = open.length ? `The running clocks: ${open.join(', ')}.` : 'This crisis has no running clock.';
      throw new CrisisError('not_found', `There is no clock \`${cutGraphemes(clockId.replace(/`/g, "'"), 30, '')}\` in this crisis. ${known} \`/crisis deadlines\` lists them all; \`/crisis deadline add <label> in <N>h\` adds one. Nothing changed.`);
    }
    if (clock.doneAt !== null) {
      throw new CrisisError(
        'already_done',
        `Clock \`${clock.clockId}\` (${clock.label}) was already marked done at ${formatDebriefTime(clock.doneAt, this.deps.settings.timeZone)} (${this.deps.settings.timeZone}) by ${clock.doneBy ? `${person(clock.doneBy)}` : 'someone'}. Nothing changed.`,
      );
    }
    return clock;
  }
}

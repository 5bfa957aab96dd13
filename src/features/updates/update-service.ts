/**
 * Status updates and the things that change what the next update owes: status, severity,
 * cadence and snoozes. An update is posted to the channel first and recorded once Slack took it,
 * so a Slack failure leaves nothing half-recorded and the person can simply try again. A status,
 * severity or cadence change is stored first; its channel notice, announcement and card then go
 * out at once and may only warn. What customers are told is not an update: it is a statement
 * (StatementService), reviewed and published. An update whose text says when the next comes
 * ("next update by 09:55", "in 30 min": stated-time.ts) sets the update clock to that time, so the
 * channel never reads two deadlines; a stated time the clock cannot take is refused before
 * anything is posted.
 */
import {
  addMinutes,
  DEFAULT_CADENCE_MINUTES,
  formatMinutes,
  minutesBetween,
  nextDueAt,
  updateDueAt,
  validateCadence,
  validateSnooze,
  type ReminderState,
} from '../../core/cadence';
import {
  assertStatusChange,
  isOpen,
  SEVERITY_LABELS,
  STATUS_LABELS,
  type Crisis,
  type CrisisStatus,
  type SettableStatus,
  type Severity,
} from '../../core/crisis';
import { CrisisError } from '../../core/errors';
import { findStatedTime, type StatedTime } from './stated-time';
import { promiseTimeText } from '../statements';
import type { Store } from '../../core/store';
import type { ServiceDeps } from '../../core/deps';
import { ExternalCallError } from '../../core/ports';
import { touchHolders } from '../../core/people-ports';
import { afterStored, assertManager, bestEffort, current, refreshCard, snapshotById, snapshotOf } from '../../core/snapshot';

export interface UpdateInput {
  text: string;
  status?: SettableStatus;
  nextUpdateInMinutes?: number;
}

export interface ChangeResult {
  message: string;
  warnings: string[];
}

export interface UpdateResult extends ChangeResult {
  /** Set when the text stated the next update's time, which the update clock now follows. */
  statedDueAt?: string;
}

function assertOpen(crisis: Crisis, what: string): void {
  if (!isOpen(crisis)) {
    throw new CrisisError('conflict', `This crisis is resolved, so there is no ${what} to change. Use \`/crisis reopen\` if it has flared up again.`);
  }
}

/** Writes a status change and its timeline row, inside the caller's transaction. */
function writeStatusChange(store: Store, crisisId: number, from: CrisisStatus, to: SettableStatus, actorId: string, at: string): void {
  store.crises.update(crisisId, { status: to }, at);
  store.timeline.append(crisisId, { kind: 'status_changed', occurredAt: at, actorId, text: `Status: ${STATUS_LABELS[from]} → ${STATUS_LABELS[to]}`, data: { from, to } }, at);
}

export class UpdateService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * The next-update time an update's text states, or undefined; a stated time the update clock
   * cannot take (passed, under a minute, over 24 hours, another zone) is refused, saying why.
   */
  checkStatedTime(text: string): Extract<StatedTime, { kind: 'due' }> | undefined {
    const stated = findStatedTime(text, this.deps.clock.now(), this.deps.settings.timeZone);
    if (stated?.kind !== 'problem') return stated;
    throw new CrisisError(
      'bad_input',
      `Your update says the next one comes “${stated.words}”, but ${stated.why}. The update clock runs from 1 minute to 24 hours ahead: say a time within that, or leave it out and the next update is due at the cadence. Nothing was posted.`,
      'update',
    );
  }

  async postUpdate(given: Crisis, actorId: string, input: UpdateInput): Promise<UpdateResult> {
    const { store, clock, notifier } = this.deps;
    const crisis = current(this.deps, given);
    if (!isOpen(crisis)) {
      throw new CrisisError('conflict', 'This crisis is resolved. Use `/crisis reopen` if it has flared up again, or `/crisis note` to add to the record.');
    }
    const text = input.text.trim();
    if (!text) throw new CrisisError('bad_input', 'An update needs some text, even "no news yet; still investigating".', 'update');
    const stated = this.checkStatedTime(text);
    const now = clock.now();
    const at = now.toISOString();
    const reminder = this.reminderOf(crisis);
    const nextIn = input.nextUpdateInMinutes === undefined ? reminder.cadenceMinutes : validateCadence(input.nextUpdateInMinutes);
    // What the text says wins over the cadence and the form's "next update in": nothing contradicts it.
    const dueFromNow = stated?.at ?? addMinutes(at, nextIn);
    const nextDue = reminder.enabled ? dueFromNow : null;
    const newStatus = input.status && input.status !== crisis.status ? input.status : undefined;

    const snapshot = snapshotOf(this.deps, crisis);
    try {
      await notifier.postUpdate(snapshot, { authorId: actorId, text, status: newStatus ?? crisis.status, nextDueAt: nextDue });
    } catch (err) {
      if (err instanceof ExternalCallError) {
        throw new CrisisError('slack_failed', `Your update was not posted: ${err.humanMessage} Nothing was recorded; please try again.`);
      }
      throw err;
    }

    store.transaction(() => {
      // Re-read what may have changed while Slack was called (a resolution, a status change, a
      // reminder claim), so a late update never revives reminders or the status of a crisis
      // resolved meanwhile, and its status row starts from the status it really changed.
      const fresh = current(this.deps, crisis);
      const latest = this.reminderOf(crisis);
      if (newStatus && isOpen(fresh) && fresh.status !== newStatus) writeStatusChange(store, crisis.id, fresh.status, newStatus, actorId, at);
      store.timeline.append(
        crisis.id,
        {
          kind: 'update_posted',
          occurredAt: at,
          actorId,
          text,
          data: { status: newStatus ?? crisis.status, due_at: latest.enabled ? updateDueAt(latest) : null, next_update_at: nextDue },
        },
        at,
      );
      store.reminders.save({
        ...latest,
        lastUpdateAt: at,
        nextDueAt: latest.enabled && isOpen(fresh) ? dueFromNow : latest.nextDueAt,
        remindersSinceUpdate: 0,
      });
    });
    if (newStatus) touchHolders(this.deps, snapshotById(this.deps, crisis.id));
    await refreshCard(this.deps, crisis.id);
    if (stated) {
      const when = promiseTimeText(stated.at, this.deps.settings.timeZone, now);
      const message = nextDue
        ? `Update posted. Next update due by ${when} (in ${formatMinutes(stated.minutesAhead)}), as your update says; the reminder comes then.`
        : `Update posted. Your update says the next comes by ${when}, but update reminders are off, so nobody will be reminded (\`/crisis remind every 30m\` turns them on).`;
      return { message, warnings: [], statedDueAt: stated.at };
    }
    return { message: nextDue ? `Update posted. Next update due in ${formatMinutes(nextIn)}.` : 'Update posted.', warnings: [] };
  }

  async setStatus(given: Crisis, actorId: string, status: SettableStatus): Promise<ChangeResult> {
    const { store, clock } = this.deps;
    const crisis = current(this.deps, given);
    assertStatusChange(crisis.status, status);
    const at = clock.now().toISOString();
    store.transaction(() => writeStatusChange(store, crisis.id, crisis.status, status, actorId, at));
    const snapshot = snapshotById(this.deps, crisis.id);
    touchHolders(this.deps, snapshot);
    const warnings = await afterStored(this.deps, crisis.id, [
      bestEffort(this.deps, 'post the status change in the channel', () =>
        this.deps.notifier.postNotice(snapshot, { kind: 'status', from: crisis.status, to: status, by: actorId }),
      ),
    ]);
    return { message: `Status is now *${STATUS_LABELS[status]}*.`, warnings };
  }

  async setSeverity(given: Crisis, actorId: string, severity: Severity): Promise<ChangeResult> {
    const { store, clock, notifier } = this.deps;
    const crisis = current(this.deps, given);
    assertOpen(crisis, 'severity');
    assertManager(this.deps, crisis, actorId, 'change the severity');
    if (crisis.severity === severity) throw new CrisisError('already_done', `The severity is already ${severity}. Nothing changed.`);
    const now = clock.now();
    const at = now.toISOString();
    const reminder = this.reminderOf(crisis);
    store.transaction(() => {
      store.crises.update(crisis.id, { severity }, at);
      store.timeline.append(
        crisis.id,
        { kind: 'severity_changed', occurredAt: at, actorId, text: `Severity: ${crisis.severity} → ${severity} (${SEVERITY_LABELS[severity]})`, data: { from: crisis.severity, to: severity } },
        at,
      );
      if (reminder.cadenceSource === 'default') {
        const minutes = DEFAULT_CADENCE_MINUTES[severity];
        store.reminders.save({ ...reminder, cadenceMinutes: minutes, nextDueAt: reminder.enabled ? nextDueAt(reminder.lastUpdateAt, minutes, now) : reminder.nextDueAt });
        store.timeline.append(crisis.id, { kind: 'cadence_changed', occurredAt: at, actorId, text: `Updates every ${formatMinutes(minutes)} (${severity} default)`, data: { minutes, source: 'default' } }, at);
      }
    });
    const snapshot = snapshotById(this.deps, crisis.id);
    touchHolders(this.deps, snapshot);
    const warnings = await afterStored(this.deps, crisis.id, [
      bestEffort(this.deps, 'post the severity change in the channel', () =>
        notifier.postNotice(snapshot, { kind: 'severity', from: crisis.severity, to: severity, by: actorId }),
      ),
      bestEffort(this.deps, 'announce the severity change', () => notifier.announce({ kind: 'severity', snapshot, from: crisis.severity, by: actorId })),
    ]);
    return { message: `Severity is now *${severity}* (${SEVERITY_LABELS[severity]}).`, warnings };
  }

  /** Sets a cadence by hand (`minutes`) or stops reminders (`null`). */
  async setCadence(given: Crisis, actorId: string, minutes: number | null): Promise<ChangeResult> {
    const { store, clock } = this.deps;
    const crisis = current(this.deps, given);
    assertOpen(crisis, 'reminder');
    const now = clock.now();
    const at = now.toISOString();
    const reminder = this.reminderOf(crisis);
    if (minutes === null && !reminder.enabled) throw new CrisisError('already_done', 'Reminders are already off. Nothing changed.');
    const next: ReminderState =
      minutes === null
        ? { ...reminder, enabled: false }
        : { ...reminder, enabled: true, cadenceMinutes: validateCadence(minutes), cadenceSource: 'manual', nextDueAt: nextDueAt(reminder.lastUpdateAt, minutes, now) };
    store.transaction(() => {
      store.reminders.save(next);
      store.timeline.append(
        crisis.id,
        {
          kind: 'cadence_changed',
          occurredAt: at,
          actorId,
          text: minutes === null ? 'Update reminders turned off' : `Updates every ${formatMinutes(minutes)}`,
          data: { minutes, source: minutes === null ? 'off' : 'manual' },
        },
        at,
      );
    });
    const snapshot = snapshotById(this.deps, crisis.id);
    const warnings = await afterStored(this.deps, crisis.id, [
      bestEffort(this.deps, 'post the cadence change in the channel', () => this.deps.notifier.postNotice(snapshot, { kind: 'cadence', minutes, by: actorId })),
    ]);
    return { message: minutes === null ? 'Update reminders are off.' : `Updates are due every ${formatMinutes(minutes)}.`, warnings };
  }

  describeCadence(crisis: Crisis): string {
    const reminder = this.deps.store.reminders.get(crisis.id);
    if (!isOpen(crisis)) return 'This crisis is resolved; there are no update reminders.';
    if (!reminder || !reminder.enabled) return 'Update reminders are off. Turn them on with `/crisis remind every 30m`.';
    const source = reminder.cadenceSource === 'default' ? `the ${crisis.severity} default` : 'set by hand';
    const dueIn = (new Date(reminder.nextDueAt).getTime() - this.deps.clock.now().getTime()) / 60_000;
    const every = `Updates are due every ${formatMinutes(reminder.cadenceMinutes)} (${source}).`;
    // After a reminder, next_due_at is the next reminder; the update itself is already owed.
    if (reminder.remindersSinceUpdate > 0) {
      const silent = formatMinutes(minutesBetween(reminder.lastUpdateAt, this.deps.clock.now()));
      return `${every} An update is overdue: none for ${silent}. The next reminder comes ${dueIn <= 0 ? 'now' : `in ${formatMinutes(dueIn)}`}.`;
    }
    const when = dueIn <= 0 ? 'now (overdue)' : `in ${formatMinutes(dueIn)}`;
    return `${every} The next is due ${when}.`;
  }

  /**
   * Pushes the next reminder back by `minutes` (one of SNOOZE_CHOICES_MINUTES) and returns when it
   * comes. The missed-update clock keeps counting: an update after the snooze is still late.
   */
  async snooze(crisis: Crisis, actorId: string, minutes: number): Promise<ChangeResult & { nextDueAt: string }> {
    const { store, clock } = this.deps;
    validateSnooze(minutes);
    assertOpen(crisis, 'reminder');
    const at = clock.now().toISOString();
    const reminder = this.reminderOf(crisis);
    if (!reminder.enabled) throw new CrisisError('conflict', 'Reminders are off for this crisis.');
    // A snooze answers a reminder; clicked on an old one after an update, it would pull the
    // next reminder in instead of pushing it back.
    if (!reminder.lastRemindedAt || reminder.lastUpdateAt >= reminder.lastRemindedAt) {
      throw new CrisisError('already_done', `An update was posted since this reminder, so there is nothing to snooze. ${this.describeCadence(crisis)}`);
    }
    const until = addMinutes(at, minutes);
    store.transaction(() => {
      // A snooze is an answer to the reminder, so the one after it is not an escalation. The
      // update is still owed since the last reminder: updateDueAt reads that from the times.
      store.reminders.save({ ...reminder, nextDueAt: until, remindersSinceUpdate: 0 });
      store.timeline.append(crisis.id, { kind: 'reminder_snoozed', occurredAt: at, actorId, text: `Reminder snoozed for ${minutes} min`, data: { minutes } }, at);
    });
    await refreshCard(this.deps, crisis.id);
    return { message: `Snoozed: the next reminder comes in ${minutes} minutes.`, warnings: [], nextDueAt: until };
  }

  private reminderOf(crisis: Crisis): ReminderState {
    const reminder = this.deps.store.reminders.get(crisis.id);
    if (!reminder) throw new Error(`crisis ${crisis.id} has no reminder row`);
    return reminder;
  }
}

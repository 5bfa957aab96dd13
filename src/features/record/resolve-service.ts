/**
 * Resolving and reopening a crisis, lessons learned, and the debrief. Resolution stops reminders
 * and cancels every pending scheduled alert (deadline clocks, …) in the same transaction that
 * records it, so none can follow; reopening gives the open clocks their alerts back. Resolving
 * twice changes nothing the second time. Once stored, the channel notice, the announcement and
 * the card go out at once and may only warn. The debrief is recorded only once Slack took it.
 */
import { buildDebrief, type DebriefReport } from './debrief';
import { renderDebriefMarkdown } from './debrief-markdown';
import { addMinutes } from '../../core/cadence';
import { isOpen, type Crisis } from '../../core/crisis';
import { CrisisError } from '../../core/errors';
import type { DeadlineService } from '../deadlines';
import { customerDebriefInput, volumeChartAttachment } from '../customer';
import type { ServiceDeps } from '../../core/deps';
import { touchHolders } from '../../core/people-ports';
import { ExternalCallError } from '../../core/ports';
import { resumeShifts } from '../roles';
import { afterStored, assertManager, bestEffort, current, snapshotById } from '../../core/snapshot';

export interface LessonsInput {
  wentWell: string;
  wentBadly: string;
  rootCauses: string;
  /** "What should change in our plan". */
  planChanges?: string;
}

export class ResolveService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly deadlines: DeadlineService,
  ) {}

  async resolve(given: Crisis, actorId: string, summary: string): Promise<{ message: string; warnings: string[] }> {
    const { store, clock, notifier } = this.deps;
    // From this read to the transaction nothing yields, so two resolves racing cannot both get through.
    const crisis = current(this.deps, given);
    if (!isOpen(crisis)) {
      throw new CrisisError('already_done', 'This crisis is already resolved. Nothing changed. `/crisis debrief` posts the report.');
    }
    assertManager(this.deps, crisis, actorId, 'resolve');
    const text = summary.trim();
    if (!text) throw new CrisisError('bad_input', 'Resolving needs a summary: what fixed it and what customers were told.');
    const at = clock.now().toISOString();
    store.transaction(() => {
      store.crises.update(crisis.id, { status: 'resolved', resolvedAt: at, resolutionSummary: text }, at);
      store.reminders.disable(crisis.id);
      store.alerts.cancelCrisis(crisis.id, at);
      store.statements.endPromises(crisis.id, at);
      store.timeline.append(crisis.id, { kind: 'resolved', occurredAt: at, actorId, text, data: {} }, at);
    });
    const snapshot = snapshotById(this.deps, crisis.id);
    touchHolders(this.deps, snapshot);
    const warnings = await afterStored(this.deps, crisis.id, [
      bestEffort(this.deps, 'post the resolution in the channel', () => notifier.postNotice(snapshot, { kind: 'resolved', summary: text, by: actorId })),
      bestEffort(this.deps, 'announce the resolution', () => notifier.announce({ kind: 'resolved', snapshot, by: actorId })),
    ]);
    return { message: 'Resolved. Reminders are stopped. Add lessons with the button in the channel, then `/crisis debrief`.', warnings };
  }

  async reopen(given: Crisis, actorId: string): Promise<{ message: string; warnings: string[] }> {
    const { store, clock, notifier } = this.deps;
    const crisis = current(this.deps, given);
    if (isOpen(crisis)) throw new CrisisError('already_done', 'This crisis is not resolved, so there is nothing to reopen.');
    assertManager(this.deps, crisis, actorId, 'reopen');
    const at = clock.now().toISOString();
    store.transaction(() => {
      // The summary described a resolution that did not hold; its text stays in the `resolved` row,
      // and an interim debrief must not present it as the outcome.
      store.crises.update(crisis.id, { status: 'investigating', resolvedAt: null, resolutionSummary: null }, at);
      const reminder = store.reminders.get(crisis.id);
      if (reminder) {
        store.reminders.save({ ...reminder, enabled: true, lastUpdateAt: at, nextDueAt: addMinutes(at, reminder.cadenceMinutes), remindersSinceUpdate: 0 });
      }
      this.deadlines.resume(crisis.id, at);
      resumeShifts(store, this.deps.settings, crisis.id, at);
      store.timeline.append(crisis.id, { kind: 'reopened', occurredAt: at, actorId, text: 'Reopened: back to investigating', data: {} }, at);
    });
    const snapshot = snapshotById(this.deps, crisis.id);
    touchHolders(this.deps, snapshot);
    const warnings = await afterStored(this.deps, crisis.id, [
      bestEffort(this.deps, 'post the reopening in the channel', () => notifier.postNotice(snapshot, { kind: 'reopened', by: actorId })),
      bestEffort(this.deps, 'announce the reopening', () => notifier.announce({ kind: 'reopened', snapshot, by: actorId })),
    ]);
    return { message: 'Reopened: the status is back to investigating and reminders are running again.', warnings };
  }

  addLessons(crisis: Crisis, actorId: string, lessons: LessonsInput): void {
    const { store, clock } = this.deps;
    const clean = {
      wentWell: lessons.wentWell.trim(),
      wentBadly: lessons.wentBadly.trim(),
      rootCauses: lessons.rootCauses.trim(),
      planChanges: (lessons.planChanges ?? '').trim(),
    };
    if (!clean.wentWell && !clean.wentBadly && !clean.rootCauses && !clean.planChanges) {
      throw new CrisisError('bad_input', 'Write at least one lesson.', 'went_well');
    }
    const at = clock.now().toISOString();
    store.transaction(() => {
      store.followUps.addLessons(crisis.id, clean, actorId, at);
      store.timeline.append(crisis.id, { kind: 'lessons_recorded', occurredAt: at, actorId, text: 'Lessons recorded', data: {} }, at);
    });
  }

  /** `chartFileName`: the volume chart uploaded with the report, named in it (null: none). */
  report(crisis: Crisis, nameOf?: (userId: string) => string, chartFileName: string | null = null): DebriefReport {
    const { store, clock, settings } = this.deps;
    return buildDebrief({
      crisis,
      events: store.timeline.list(crisis.id),
      assignments: store.roles.history(crisis.id),
      checklist: store.roles.checklistsForCrisis(crisis.id),
      actions: store.followUps.actions(crisis.id),
      lessons: store.followUps.lessons(crisis.id),
      deadlines: store.deadlines.list(crisis.id),
      statementLog: store.statements.list(crisis.id),
      typeLabel: this.deps.playbooks.label(crisis.type),
      now: clock.now(),
      timeZone: settings.timeZone,
      ...(nameOf ? { nameOf } : {}),
      customer: customerDebriefInput(store, crisis.id, chartFileName),
      versions: store.timelineVersions.ofCrisis(crisis.id),
    });
  }

  /**
   * The report with people's names in the file. The report is built once; its first rendering
   * collects the ids the file shows, and only the Markdown is rendered again with the names. Where
   * names cannot be had, the ids stay.
   */
  private async namedReport(crisis: Crisis, chartFileName: string | null): Promise<DebriefReport> {
    const { notifier, logger, settings } = this.deps;
    const ids = new Set<string>();
    const plain = this.report(crisis, (id) => {
      ids.add(id);
      return id;
    }, chartFileName);
    if (!notifier.userNames || ids.size === 0) return plain;
    try {
      const names = await notifier.userNames([...ids]);
      return { ...plain, markdown: renderDebriefMarkdown(plain, settings.timeZone, (id) => names.get(id) ?? id) };
    } catch (err) {
      logger.warn('could not look up names for the debrief', { crisisId: crisis.id, error: err });
      return plain;
    }
  }

  /** Posts the summary and uploads the whole report; recorded once Slack took it. */
  async debrief(given: Crisis, actorId: string): Promise<DebriefReport> {
    const { store, clock, notifier } = this.deps;
    // Final or interim as the crisis stands now, not as it stood when the command was read.
    const crisis = current(this.deps, given);
    const chart = await volumeChartAttachment(this.deps, crisis);
    const report = await this.namedReport(crisis, chart?.filename ?? null);
    try {
      await notifier.postDebrief(snapshotById(this.deps, crisis.id), report, chart ? [chart] : []);
    } catch (err) {
      if (err instanceof ExternalCallError) {
        throw new CrisisError('slack_failed', `The debrief could not be posted: ${err.humanMessage}`);
      }
      throw err;
    }
    const at = clock.now().toISOString();
    store.timeline.append(
      crisis.id,
      { kind: 'debrief_posted', occurredAt: at, actorId, text: report.interim ? 'Interim debrief posted' : 'Debrief posted', data: { interim: report.interim } },
      at,
    );
    return report;
  }
}

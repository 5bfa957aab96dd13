/**
 * How promise alerts are sent: ten minutes before a promised statement is due (halfway, for a
 * promise shorter than that), a reminder in the channel to the spokesperson (the lead while there is
 * none); when it passes with no newer statement published, the channel is told, mentioning who owed
 * it (the current spokesperson, or the lead while there is none: the voice of the crisis now, who
 * was reminded), the promise is recorded broken, and the lead gets a DM. The channel message and the
 * DM are two alerts (`promise_broken`, `promise_broken_dm`), so each is retried on its own and
 * neither is sent twice. Registered with ScheduledAlertService; publishing a newer statement in
 * time cancels them all (StatementReviewService).
 */
import { z } from 'zod';
import { badStoredRow } from '../../store/bad-rows';
import { minutesBetween } from '../../core/cadence';
import { formatDebriefTime } from '../record';
import type { ScheduledAlert } from '../../core/scheduled-alert';
import { currentHolders } from '../../core/roles';
import type { Statement } from './statements';
import type { Store } from '../../core/store';
import type { ServiceDeps } from '../../core/deps';
import type { AlertHandler } from '../../core/scheduled-alert-service';
import type { PromiseAlertMessage } from './statement-ports';
import { touchStatementHomes } from './statement-service';

export type PromiseAlertKind = 'promise_reminder' | 'promise_broken' | 'promise_broken_dm';

const AlertData = z.object({ statement: z.number().int().positive(), due_at: z.string() });

/**
 * The statement whose promise an alert is about, while that promise is still pending as planned
 * (or, for the lead's DM, already recorded broken by the channel's alert).
 */
function promiseOf(alert: ScheduledAlert, store: Store, kind: PromiseAlertKind): Statement | undefined {
  const data = AlertData.safeParse(alert.data);
  if (!data.success) badStoredRow('scheduled_alerts.promise', data.error);
  if (!data.success) return undefined;
  const statement = store.statements.byNumber(alert.crisisId, data.data.statement);
  if (!statement || statement.promiseDueAt !== data.data.due_at) return undefined;
  const live = statement.promiseState === 'pending' || (kind === 'promise_broken_dm' && statement.promiseState === 'broken');
  return live ? statement : undefined;
}

export function promiseAlertHandler(deps: Pick<ServiceDeps, 'notifier' | 'store' | 'settings' | 'people'>, kind: PromiseAlertKind): AlertHandler {
  const when = (iso: string): string => `${formatDebriefTime(iso, deps.settings.timeZone)} (${deps.settings.timeZone})`;
  return {
    stillWanted: (alert, store) => promiseOf(alert, store, kind) !== undefined,

    async deliver(alert, snapshot, now) {
      const statement = promiseOf(alert, deps.store, kind);
      if (!statement || statement.promiseDueAt === null) return false;
      const { spokesperson, lead } = snapshot.holders;
      const message: PromiseAlertMessage = {
        kind: kind === 'promise_reminder' ? 'reminder' : 'broken',
        statement,
        dueAt: statement.promiseDueAt,
        minutesLeft: Math.max(0, Math.round(minutesBetween(now, statement.promiseDueAt))),
        sentAt: now.toISOString(),
        mentionIds: spokesperson.length ? [...spokesperson] : [...lead],
        leadIds: [...lead],
      };
      switch (kind) {
        case 'promise_reminder':
          await deps.notifier.postPromiseReminder(snapshot, message);
          return true;
        case 'promise_broken':
          await deps.notifier.postPromiseBroken(snapshot, message);
          return true;
        case 'promise_broken_dm':
          // No lead: nobody to DM; the channel's message says so.
          if (lead.length === 0) return false;
          // One lead; should there be several, each is told.
          await Promise.all(lead.map((id) => deps.notifier.tellPromiseBroken(id, snapshot, message)));
          return true;
      }
    },

    recordSent(alert, store, at) {
      // The DM adds nothing to the record: the channel's alert wrote the broken promise.
      if (kind === 'promise_broken_dm') return;
      const data = AlertData.safeParse(alert.data);
      if (!data.success) badStoredRow('scheduled_alerts.promise', data.error);
      if (!data.success) return;
      const { statement: number, due_at: dueAt } = data.data;
      const common = { occurredAt: at, actorId: null, data: { statement: number, due_at: dueAt } };
      if (kind === 'promise_reminder') {
        store.timeline.append(alert.crisisId, { ...common, kind: 'promise_reminder', text: `Reminder: S${number} promised the next statement by ${when(dueAt)}` }, at);
        return;
      }
      const statement = store.statements.byNumber(alert.crisisId, number);
      if (statement) store.statements.settlePromise(statement.id, 'broken', at);
      store.timeline.append(alert.crisisId, { ...common, kind: 'promise_broken', text: `S${number} promised the next statement by ${when(dueAt)}; none came` }, at);
      // The promise leaves the Home of whoever owed it; the tab is built after this commits.
      touchStatementHomes(deps, { holders: currentHolders(store.roles.active(alert.crisisId)) });
    },

    changesCard: kind === 'promise_broken',
  };
}

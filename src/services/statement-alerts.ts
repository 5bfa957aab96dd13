/**
 * How promise alerts are sent: ten minutes before a promised statement is due, a reminder in the
 * channel to the spokesperson (the lead while there is none); when it passes with no newer
 * statement published, a DM to the lead (in the channel when there is no lead) and the promise is
 * recorded broken. Registered with ScheduledAlertService for the kinds `promise_reminder` and
 * `promise_broken`; publishing a newer statement in time cancels both (StatementReviewService).
 */
import { z } from 'zod';
import { minutesBetween } from '../domain/cadence';
import { formatDebriefTime } from '../domain/debrief-markdown';
import type { ScheduledAlert } from '../domain/scheduled-alert';
import { currentHolders } from '../domain/roles';
import type { Statement } from '../domain/statements';
import type { Store } from '../store/store';
import type { ServiceDeps } from './deps';
import type { AlertHandler } from './scheduled-alert-service';
import type { PromiseAlertMessage } from './statement-ports';
import { touchStatementHomes } from './statement-service';

export type PromiseAlertKind = 'promise_reminder' | 'promise_broken';

const AlertData = z.object({ statement: z.number().int().positive(), due_at: z.string() });

/** The statement whose promise an alert is about, while that promise is still pending as planned. */
function promiseOf(alert: ScheduledAlert, store: Store): Statement | undefined {
  const data = AlertData.safeParse(alert.data);
  if (!data.success) return undefined;
  const statement = store.statements.byNumber(alert.crisisId, data.data.statement);
  if (!statement || statement.promiseState !== 'pending' || statement.promiseDueAt !== data.data.due_at) return undefined;
  return statement;
}

export function promiseAlertHandler(deps: Pick<ServiceDeps, 'notifier' | 'store' | 'settings' | 'people'>, kind: PromiseAlertKind): AlertHandler {
  const when = (iso: string): string => `${formatDebriefTime(iso, deps.settings.timeZone)} (${deps.settings.timeZone})`;
  return {
    stillWanted: (alert, store) => promiseOf(alert, store) !== undefined,

    async deliver(alert, snapshot, now) {
      const statement = promiseOf(alert, deps.store);
      if (!statement || statement.promiseDueAt === null) return false;
      const { spokesperson, lead } = snapshot.holders;
      const message: PromiseAlertMessage = {
        kind: kind === 'promise_broken' ? 'broken' : 'reminder',
        statement,
        dueAt: statement.promiseDueAt,
        minutesLeft: Math.max(0, Math.round(minutesBetween(now, statement.promiseDueAt))),
        sentAt: now.toISOString(),
        mentionIds: spokesperson.length ? [...spokesperson] : [...lead],
      };
      if (kind === 'promise_reminder') {
        await deps.notifier.postPromiseReminder(snapshot, message);
        return true;
      }
      // One lead; should there be several (or none), each is told (or the channel).
      const leads = lead.length ? lead : [null];
      await Promise.all(leads.map((id) => deps.notifier.tellPromiseBroken(id, snapshot, message)));
      return true;
    },

    recordSent(alert, store, at) {
      const data = AlertData.safeParse(alert.data);
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

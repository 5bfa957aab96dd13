/**
 * The channel's one notice that a legal holder is needed. Under a playbook with `legal_required`
 * the lead never stands in for legal, so a draft made while nobody holds legal waits; the channel
 * is told so once per crisis, mentioning the lead.
 *
 * It is a scheduled alert (kind `legal_needed`, one key per crisis), written in the draft's own
 * transaction and sent by the alert tick: so it is sent once however many drafts wait, survives a
 * restart, is retried when Slack fails, and is never doubled (see ScheduledAlertService). When a
 * legal holder was named before the tick, it is skipped, and the key being taken, never sent later.
 */
import type { Crisis } from '../../core/crisis';
import type { PlaybookCatalog } from '../../core/playbook';
import { currentHolders } from '../../core/roles';
import type { NewScheduledAlert } from '../../core/scheduled-alert';
import type { Store } from '../../core/store';
import type { ServiceDeps } from '../../core/deps';
import type { AlertHandler } from '../../core/scheduled-alert-service';

export const LEGAL_NEEDED_KIND = 'legal_needed';
const LEGAL_NEEDED_KEY = 'legal_needed';

function legalMissing(store: Pick<Store, 'roles'>, crisisId: number): boolean {
  return currentHolders(store.roles.active(crisisId)).legal.length === 0;
}

/** The drafts waiting for review, by number. */
function waitingDrafts(store: Pick<Store, 'statements'>, crisisId: number): number[] {
  return store.statements
    .list(crisisId)
    .filter((s) => s.state === 'draft')
    .map((s) => s.number);
}

/**
 * Schedules the notice (once per crisis: a second call stores nothing) when the crisis's playbook
 * requires legal and nobody holds legal. Call inside the transaction that leaves a draft waiting.
 */
export function scheduleLegalNeeded(store: Store, playbooks: Pick<PlaybookCatalog, 'legalRequired'>, crisis: Pick<Crisis, 'id' | 'type'>, at: string): void {
  if (!playbooks.legalRequired(crisis.type) || !legalMissing(store, crisis.id)) return;
  const alert: NewScheduledAlert = { kind: LEGAL_NEEDED_KIND, subject: LEGAL_NEEDED_KEY, key: LEGAL_NEEDED_KEY, dueAt: at };
  store.alerts.schedule(crisis.id, [alert], at);
}

/** For the reply to a draft: under a playbook that requires legal, with no legal holder, who it waits for. */
export function legalNeededNote(deps: Pick<ServiceDeps, 'store' | 'playbooks'>, crisis: Pick<Crisis, 'id' | 'type'>): string {
  if (!deps.playbooks.legalRequired(crisis.type) || !legalMissing(deps.store, crisis.id)) return '';
  return ' This crisis type needs legal for every statement, and there is no legal holder: it waits for one (`/crisis assign @person legal`) or a crisis admin; the lead does not stand in.';
}

export function legalNeededHandler(deps: Pick<ServiceDeps, 'notifier' | 'store'>): AlertHandler {
  return {
    stillWanted: (alert, store) => legalMissing(store, alert.crisisId) && waitingDrafts(store, alert.crisisId).length > 0,

    async deliver(alert, snapshot) {
      const waiting = waitingDrafts(deps.store, alert.crisisId);
      if (snapshot.holders.legal.length > 0 || waiting.length === 0) return false;
      await deps.notifier.postLegalNeeded(snapshot, waiting);
      return true;
    },

    recordSent(alert, store, at) {
      store.timeline.append(
        alert.crisisId,
        { kind: 'role_nudge', occurredAt: at, actorId: null, text: 'No legal holder, and the playbook requires legal for every statement: channel told', data: { role: 'legal' } },
        at,
      );
    },
  };
}

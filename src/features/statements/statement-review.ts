/**
 * Review and publication of statements: legal approves or sends a draft back with a comment (with
 * no legal holder, the lead, recorded as such, unless the playbook requires legal; crisis admins
 * may always act for legal), and the spokesperson (the lead while there is none) marks an approved
 * statement published, saying where. Nobody approves words they wrote (its author, or the last to
 * edit it), the lead standing in included: the draft then waits for someone else.
 *
 * Guarantees: each change is read fresh, checked and stored with its timeline row in one
 * transaction, nothing awaited in between. Publishing also keeps the earlier promises it fulfils
 * (their alerts cancelled) and schedules its own promise's reminder and broken-promise alerts, all
 * in that transaction, so a restart can neither lose nor double them. Slack comes after: the
 * draft's message, the published text in the channel, the author's DM and the card are best
 * effort and only warn; what is stored stands.
 */
import { addMinutes, formatMinutes } from '../../core/cadence';
import { isOpen, type Crisis } from '../../core/crisis';
import { CrisisError, isCrisisError } from '../../core/errors';
import { AUDIENCE_LABELS } from '../../core/playbook';
import { currentHolders } from '../../core/roles';
import { promiseTimeText } from './statement-text';
import {
  approveBlocker,
  changesBlocker,
  MAX_COMMENT_LENGTH,
  MAX_WHERE_LENGTH,
  mayPublish,
  ownWordsBlocker,
  PROMISE_REMINDER_MINUTES,
  promiseDmSubject,
  promiseDueAt,
  promiseSubject,
  publishBlocker,
  publishRefusal,
  reviewerCapacity,
  reviewRefusal,
  type ApprovedAs,
  type Statement,
} from './statements';
import type { NewScheduledAlert } from '../../core/scheduled-alert';
import type { ServiceDeps } from '../../core/deps';
import { scheduleLegalNeeded } from './legal-alerts';
import { afterStored, bestEffort, current, snapshotById } from '../../core/snapshot';
import { showStatement, statementOf, touchStatementHomes, type StatementChange, type StatementService } from './statement-service';
import type { PublishHook } from './statement-ports';
import { people, person } from '../../core/words';

const AS_WORDS: Record<Exclude<ApprovedAs, 'template'>, string> = {
  legal: 'legal',
  admin: 'a crisis admin',
  lead: 'the lead (no legal holder)',
};

/**
 * When the spokesperson is reminded of a promise made at `now`: ten minutes before it is due, or,
 * for a promise shorter than that, halfway through it.
 */
export function promiseReminderAt(dueAt: string, now: Date): string {
  const remindAt = addMinutes(dueAt, -PROMISE_REMINDER_MINUTES);
  if (Date.parse(remindAt) > now.getTime()) return remindAt;
  return new Date(now.getTime() + (Date.parse(dueAt) - now.getTime()) / 2).toISOString();
}

/**
 * The reminder (see promiseReminderAt), and at the due time the broken promise: in the channel
 * (with its timeline row) and, as an alert of its own so each is retried alone, the lead's DM.
 */
export function planPromiseAlerts(statement: Pick<Statement, 'number'>, dueAt: string, now: Date): NewScheduledAlert[] {
  const subject = promiseSubject(statement.number);
  const data = { statement: statement.number, due_at: dueAt };
  const remindAt = promiseReminderAt(dueAt, now);
  return [
    ...(Date.parse(remindAt) > now.getTime() ? [{ kind: 'promise_reminder', subject, key: `${subject}:remind`, dueAt: remindAt, data }] : []),
    { kind: 'promise_broken', subject, key: `${subject}:broken`, dueAt, data },
    { kind: 'promise_broken_dm', subject: promiseDmSubject(statement.number), key: `${subject}:broken-dm`, dueAt, data },
  ];
}

/** "you will be reminded 10 minutes before", or for a shorter promise when, halfway. */
function reminderText(due: string, now: Date, timeZone: string): string {
  const at = promiseReminderAt(due, now);
  if (Date.parse(at) === Date.parse(addMinutes(due, -PROMISE_REMINDER_MINUTES))) return `you will be reminded ${PROMISE_REMINDER_MINUTES} minutes before`;
  return `it is shorter than the ${PROMISE_REMINDER_MINUTES} minutes' warning, so you will be reminded halfway, at ${promiseTimeText(at, timeZone, now)}`;
}

export class StatementReviewService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly drafting: StatementService,
    /** Delivery to the status page, Statuspage, Zendesk and webhooks (the publishing feature). */
    private readonly delivery?: PublishHook,
  ) {}

  /**
   * The statement a person may review now, or the refusal: for the buttons, before a modal opens.
   * Sending one's own draft back is allowed (it only returns it for editing); approving it is not.
   */
  checkReview(crisis: Crisis, actorId: string, number: number, what: 'approve' | 'changes'): { statement: Statement; as: Exclude<ApprovedAs, 'template'> } {
    const statement = statementOf(this.deps.store, crisis.id, number);
    const holders = currentHolders(this.deps.store.roles.active(crisis.id));
    const { admins } = this.deps.settings;
    const legalRequired = this.deps.playbooks.legalRequired(crisis.type);
    const as = reviewerCapacity(holders, admins, actorId, legalRequired);
    if (!as) throw reviewRefusal(holders, admins, what === 'approve' ? 'approve statements' : 'send statements back for changes', legalRequired);
    const blocked = what === 'approve' ? approveBlocker(statement) : changesBlocker(statement);
    if (blocked) throw blocked;
    if (what === 'approve') {
      const own = ownWordsBlocker(statement, holders, admins, legalRequired, actorId);
      if (own) throw own;
    }
    return { statement, as };
  }

  /** The statement a person may publish now, or the refusal. */
  checkPublish(crisis: Crisis, actorId: string, number: number): Statement {
    const statement = statementOf(this.deps.store, crisis.id, number);
    const holders = currentHolders(this.deps.store.roles.active(crisis.id));
    if (!mayPublish(holders, actorId)) throw publishRefusal(holders);
    const blocked = publishBlocker(statement);
    if (blocked) throw blocked;
    return statement;
  }

  async approve(given: Crisis, actorId: string, number: number): Promise<StatementChange> {
    const { store, clock } = this.deps;
    const crisis = current(this.deps, given);
    let checked: ReturnType<StatementReviewService['checkReview']>;
    try {
      checked = this.checkReview(crisis, actorId, number, 'approve');
    } catch (err) {
      // A lead refused because the playbook requires legal: the channel is told (once) that a legal holder is needed.
      if (isCrisisError(err) && err.code === 'forbidden' && currentHolders(store.roles.active(crisis.id)).lead.includes(actorId)) {
        const at = clock.now().toISOString();
        store.transaction(() => scheduleLegalNeeded(store, this.deps.playbooks, crisis, at));
      }
      throw err;
    }
    const { statement, as } = checked;
    const at = clock.now().toISOString();
    const approved = store.transaction(() => {
      if (!store.statements.approve(statement.id, actorId, as, at)) throw new CrisisError('conflict', `S${number} changed meanwhile; try again. Nothing changed.`);
      store.timeline.append(crisis.id, { kind: 'statement_approved', occurredAt: at, actorId, text: `S${number} approved by ${AS_WORDS[as]}`, data: { statement: number, as } }, at);
      return store.statements.get(statement.id);
    });
    const warnings = await this.afterChange(approved, []);
    const holders = currentHolders(store.roles.active(crisis.id));
    const voice = holders.spokesperson.length ? `The spokesperson (${people(holders.spokesperson)})` : 'The lead (there is no spokesperson)';
    return { statement: approved, message: `S${number} approved as ${AS_WORDS[as]}. ${voice} publishes it: \`/crisis publish S${number} <where>\`.`, warnings };
  }

  async requestChanges(given: Crisis, actorId: string, number: number, comment: string): Promise<StatementChange> {
    const { store, clock } = this.deps;
    const crisis = current(this.deps, given);
    const { statement } = this.checkReview(crisis, actorId, number, 'changes');
    const words = comment.trim();
    if (words.length === 0) throw new CrisisError('bad_input', `Say what should change, e.g. \`/crisis changes S${number} Do not name the supplier\`. Nothing changed.`, 'comment');
    if (words.length > MAX_COMMENT_LENGTH) throw new CrisisError('bad_input', `That comment is ${words.length} characters; keep it to ${MAX_COMMENT_LENGTH} or fewer. Nothing changed.`, 'comment');
    const at = clock.now().toISOString();
    const sentBack = store.transaction(() => {
      if (!store.statements.requestChanges(statement.id, statement.state, words, actorId, at)) throw new CrisisError('conflict', `S${number} changed meanwhile; try again. Nothing changed.`);
      store.timeline.append(crisis.id, { kind: 'statement_changes_requested', occurredAt: at, actorId, text: `S${number} sent back for changes: ${words}`, data: { statement: number } }, at);
      return store.statements.get(statement.id);
    });
    const snapshot = snapshotById(this.deps, crisis.id);
    const dm = bestEffort(this.deps, `DM ${person(sentBack.authorId)} the comment`, () => this.deps.notifier.dmChangesRequested(snapshot, sentBack), { crisisId: crisis.id });
    const warnings = await this.afterChange(sentBack, [dm]);
    return { statement: sentBack, message: `S${number} sent back to ${person(sentBack.authorId)} with your comment; it comes back for review once edited.`, warnings };
  }

  async publish(given: Crisis, actorId: string, number: number, whereGiven?: string): Promise<StatementChange> {
    const { store, clock, settings } = this.deps;
    const crisis = current(this.deps, given);
    const statement = this.checkPublish(crisis, actorId, number);
    const where = (whereGiven ?? '').trim() || AUDIENCE_LABELS[statement.audience];
    if (Array.from(where).length > MAX_WHERE_LENGTH) {
      throw new CrisisError('bad_input', `Say where in at most ${MAX_WHERE_LENGTH} characters, e.g. \`/crisis publish S${number} status page\`. Nothing changed.`, 'where');
    }
    this.delivery?.check(crisis, statement, where);
    const now = clock.now();
    const at = now.toISOString();
    // A resolved crisis promises no next statement (say, the apology after the fix).
    const due = isOpen(crisis) ? promiseDueAt(statement, now, this.drafting.cadenceOf(crisis)) : null;
    if (due !== null && Date.parse(due) <= now.getTime()) {
      throw new CrisisError(
        'conflict',
        `S${number} tells customers the next update comes by ${promiseTimeText(due, settings.timeZone, now)}, which has passed. Draft it again so it promises a time still ahead (\`/crisis statement from ${statement.templateId ?? '<template>'}\`). Nothing changed.`,
      );
    }
    const { published, kept, delivering } = store.transaction(() => {
      if (!store.statements.publish(statement.id, actorId, at, where, due)) throw new CrisisError('conflict', `S${number} changed meanwhile; try again. Nothing changed.`);
      const deliveringNow = this.delivery?.record(crisis, statement, where, at, (whereGiven ?? '').trim() !== '') ?? '';
      // Earlier promises still running are kept by this statement.
      const keptNow = store.statements.pendingPromises(crisis.id).filter((p) => p.id !== statement.id && p.promiseDueAt !== null && Date.parse(p.promiseDueAt) > now.getTime());
      for (const p of keptNow) {
        store.statements.settlePromise(p.id, 'kept', at, number);
        store.alerts.cancelSubject(crisis.id, promiseSubject(p.number), at);
        store.alerts.cancelSubject(crisis.id, promiseDmSubject(p.number), at);
        store.timeline.append(
          crisis.id,
          { kind: 'promise_kept', occurredAt: at, actorId, text: `S${p.number}'s promise kept by S${number}`, data: { statement: p.number, due_at: p.promiseDueAt ?? at, kept_by: number } },
          at,
        );
      }
      if (due !== null) store.alerts.schedule(crisis.id, planPromiseAlerts(statement, due, now), at);
      store.timeline.append(
        crisis.id,
        { kind: 'statement', occurredAt: at, actorId, text: statement.text, data: { statement: number, published_to: where, promise_due_at: due } },
        at,
      );
      return { published: store.statements.get(statement.id), kept: keptNow.map((p) => `S${p.number}`), delivering: deliveringNow };
    });
    const snapshot = snapshotById(this.deps, crisis.id);
    const posted = bestEffort(this.deps, 'post the published statement in the channel', () => this.deps.notifier.postPublished(snapshot, published), { crisisId: crisis.id });
    const warnings = await this.afterChange(published, [posted]);
    this.delivery?.published(crisis.id);
    const promise =
      due === null
        ? 'The crisis is resolved, so it promises no next statement.'
        : `It promises the next statement by ${promiseTimeText(due, settings.timeZone, now)} (in ${formatMinutes((Date.parse(due) - now.getTime()) / 60_000)}); ${reminderText(due, now, settings.timeZone)}.`;
    const keptText = kept.length ? ` That keeps the promise of ${kept.join(', ')}.` : '';
    return { statement: published, message: `S${number} marked published (${where}).${keptText} ${promise}${delivering ? ` ${delivering}` : ''}`, warnings };
  }

  /** The draft's message, any other Slack steps of the change (already on their way) and the card, all at once. */
  private afterChange(statement: Statement, others: Array<Promise<string | null>>): Promise<string[]> {
    const snapshot = snapshotById(this.deps, statement.crisisId);
    touchStatementHomes(this.deps, snapshot);
    return afterStored(this.deps, statement.crisisId, [showStatement(this.deps, snapshot, statement), ...others]);
  }
}

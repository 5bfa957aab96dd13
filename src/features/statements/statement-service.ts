/**
 * Drafting and editing statements, and reading them (`statements`, `templates`, the App Home).
 * Review and publication are in StatementReviewService (statement-review.ts).
 *
 * Guarantees, as for every state change here: the crisis and the statement are read fresh, checked,
 * and changed with their timeline row in one transaction, with nothing awaited in between; only
 * then is Slack called. The draft's channel message and the card are best effort: a draft exists
 * even when its message could not be posted (the reply says so, and the next change posts it).
 * A pre-approved template drafted unedited is approved in the same transaction, "by the template",
 * but only when every word filled into it is the bot's own or was approved by legal in this crisis
 * (filled-words.ts); otherwise it goes to review with those words recorded, for its message to
 * highlight. Under a playbook that requires legal, a draft made while there is no legal holder
 * schedules the channel's one notice that a legal holder is needed (legal-alerts.ts).
 */
import type { Crisis } from '../../core/crisis';
import { CrisisError } from '../../core/errors';
import { FILLED_WORDS_LABELS, standsIn, type FilledWords } from './filled-words';
import { AUDIENCE_LABELS, type Audience, type StatementTemplate } from '../../core/playbook';
import { currentHolders } from '../../core/roles';
import { assertNextMinutes, assertStatementText, sameWords, type FilledTemplate } from './statement-text';
import { editBlocker, editRefusal, mayEdit, type Statement } from './statements';
import type { Store } from '../../core/store';
import type { ServiceDeps } from '../../core/deps';
import type { CrisisSnapshot } from '../../core/ports';
import { legalNeededNote, scheduleLegalNeeded } from './legal-alerts';
import { touchHome } from '../../core/people-ports';
import { afterStored, bestEffort, current, snapshotById } from '../../core/snapshot';
import { cadenceOf, checkTemplateUse, fillFor, findTemplate, standingOfComposed, standingOfFilled, unseenIn } from './statement-templates';

export { templateLine } from './statement-templates';

export interface StatementChange {
  statement: Statement;
  /** What the person is told. */
  message: string;
  warnings: string[];
}

export interface DraftInput {
  text: string;
  audience?: Audience;
  /** Minutes after publishing the next statement is promised; undefined or null: the cadence. */
  nextMinutes?: number | null;
  templateId?: string | null;
  /** Text prefilled from the template in the modal: its words' fingerprint and what it promises. */
  prefilled?: { digest: string; statedDueAt: string | null; statedDueText: string | null };
}

/** A statement of an open crisis the App Home lists, with where it lives. */
export interface HomeStatement {
  crisisId: number;
  channelId: string;
  /** A private crisis: show neither title nor text outside its channel. */
  isPrivate: boolean;
  title: string;
  statement: Statement;
}

/** The statement S<n> of a crisis, or a refusal listing the ones there are. */
export function statementOf(store: Pick<Store, 'statements'>, crisisId: number, number: number): Statement {
  const found = store.statements.byNumber(crisisId, number);
  if (found) return found;
  const all = store.statements.list(crisisId);
  const known = all.length
    ? `Statements here: ${all.slice(-10).map((s) => `S${s.number} (${s.state.replace('_', ' ')})`).join(', ')}. \`/crisis statements\` lists them.`
    : 'This crisis has no statements yet; `/crisis statement <text>` drafts one.';
  throw new CrisisError('not_found', `There is no statement S${number} in this crisis. ${known} Nothing changed.`);
}

/** Posts the statement's channel message, or updates it in place; records a new message's ts. */
export async function showStatement(deps: ServiceDeps, snapshot: CrisisSnapshot, statement: Statement): Promise<string | null> {
  return bestEffort(
    deps,
    `show S${statement.number} in the channel`,
    async () => {
      if (statement.messageTs) {
        await deps.notifier.updateStatement(snapshot, statement);
        return;
      }
      const ts = await deps.notifier.postStatement(snapshot, statement);
      deps.store.statements.setMessage(statement.id, ts);
    },
    { crisisId: statement.crisisId, statement: statement.number },
  );
}

export class StatementService {
  constructor(private readonly deps: ServiceDeps) {}

  list(crisis: Pick<Crisis, 'id'>): Statement[] {
    return this.deps.store.statements.list(crisis.id);
  }

  templates(crisis: Pick<Crisis, 'type'>): StatementTemplate[] {
    return this.deps.playbooks.templatesFor(crisis.type);
  }

  /** A template this crisis may use, or a refusal listing them. */
  template(crisis: Pick<Crisis, 'type'>, id: string): StatementTemplate {
    return findTemplate(this.deps, crisis, id);
  }

  /** A template's text filled for this crisis now (see fillFor). */
  fill(crisis: Crisis, template: StatementTemplate, nextMinutes: number | null, nextText?: string): FilledTemplate {
    return fillFor(this.deps, crisis, template, nextMinutes, nextText);
  }

  /** Refuses a template promising a next update once the crisis is resolved (see checkTemplateUse). */
  checkTemplateUse(crisis: Crisis, template: StatementTemplate): void {
    checkTemplateUse(crisis, template);
  }

  /** The free text filled in that legal has not approved in this crisis. */
  unseen(crisis: Pick<Crisis, 'id'>, words: readonly FilledWords[]): FilledWords[] {
    return unseenIn(this.deps, crisis.id, words);
  }

  /** `statement from <id>`: the template filled now; a pre-approved one is approved at once when legal has seen every word filled in. */
  async draftFromTemplate(given: Crisis, actorId: string, templateId: string, nextMinutes: number | null = null): Promise<StatementChange> {
    const crisis = current(this.deps, given);
    const template = this.template(crisis, templateId);
    checkTemplateUse(crisis, template);
    if (nextMinutes !== null) assertNextMinutes(nextMinutes);
    const filled = this.fill(crisis, template, nextMinutes);
    return this.create(crisis, actorId, {
      text: assertStatementText(filled.text),
      audience: template.audience,
      templateId: template.id,
      nextMinutes,
      stated: { at: filled.statedDueAt, text: filled.statedDueText },
      ...standingOfFilled(this.deps, crisis, template, filled),
    });
  }

  /** A draft written (or prefilled from a template and perhaps edited) by a person. */
  async draft(given: Crisis, actorId: string, input: DraftInput): Promise<StatementChange> {
    const crisis = current(this.deps, given);
    const text = assertStatementText(input.text, 'text');
    const nextMinutes = input.nextMinutes ?? null;
    if (nextMinutes !== null) assertNextMinutes(nextMinutes);
    const template = input.templateId ? this.template(crisis, input.templateId) : undefined;
    const audience = input.audience ?? template?.audience ?? 'customers';
    const prefilled = input.prefilled;
    const saysStated = prefilled?.statedDueText ? text.includes(prefilled.statedDueText) : false;
    if (template && saysStated) checkTemplateUse(crisis, template);
    const standing = template ? standingOfComposed(this.deps, crisis, template, { text, audience, nextMinutes, ...(prefilled ? { prefilled } : {}) }) : undefined;
    return this.create(crisis, actorId, {
      text,
      audience,
      templateId: template?.id ?? null,
      nextMinutes,
      stated: saysStated && prefilled ? { at: prefilled.statedDueAt, text: prefilled.statedDueText } : { at: null, text: null },
      ...(standing ?? { preApproved: false }),
    });
  }

  /** New words for a statement not yet published: it goes (back) to review. */
  async edit(given: Crisis, actorId: string, number: number, newText: string): Promise<StatementChange> {
    const { store, clock } = this.deps;
    const crisis = current(this.deps, given);
    const statement = this.checkEdit(crisis, actorId, number);
    const text = assertStatementText(newText, 'text');
    if (sameWords(text, statement.text)) throw new CrisisError('already_done', `That is S${number}'s text as it stands; change a word to send it back for review. Nothing changed.`, 'text');
    const at = clock.now().toISOString();
    const keepsStated = statement.statedDueText !== null && text.includes(statement.statedDueText);
    // Filled-in words still in the text and still unseen stay highlighted.
    const unseen = unseenIn(this.deps, crisis.id, statement.unseenWords.filter((w) => standsIn(w.text, text)));
    const edited = store.transaction(() => {
      if (!store.statements.edit(statement.id, statement.state, text, keepsStated ? { at: statement.statedDueAt, text: statement.statedDueText } : { at: null, text: null }, unseen, actorId, at)) {
        throw new CrisisError('conflict', `S${number} changed while you were editing it; have a look and try again. Nothing changed.`);
      }
      store.timeline.append(
        crisis.id,
        { kind: 'statement_edited', occurredAt: at, actorId, text: `S${number} edited; back to review: ${text}`, data: { statement: number, from_state: statement.state } },
        at,
      );
      return store.statements.get(statement.id);
    });
    const warnings = await this.afterChange(edited);
    return { statement: edited, message: `S${number} edited. It is a draft again, waiting for legal's review.`, warnings };
  }

  /** The statement a person may edit now, or the refusal: for the Edit buttons before their modal opens. */
  checkEdit(crisis: Crisis, actorId: string, number: number): Statement {
    const statement = statementOf(this.deps.store, crisis.id, number);
    const blocked = editBlocker(statement);
    if (blocked) throw blocked;
    const holders = currentHolders(this.deps.store.roles.active(crisis.id));
    if (!mayEdit(statement, holders, actorId)) throw editRefusal(statement, holders);
    return statement;
  }

  /**
   * Drafts waiting for `userId` to review them (legal, or lead where there is no legal holder and
   * the playbook does not require legal), in open crises; never their own words.
   */
  draftsAwaitingApproval(userId: string): HomeStatement[] {
    const { store, playbooks } = this.deps;
    return store.statements
      .awaitingReviewBy(userId)
      .filter(({ statement }) => {
        const crisis = store.crises.find(statement.crisisId);
        if (!crisis || !playbooks.legalRequired(crisis.type)) return true;
        return currentHolders(store.roles.active(crisis.id)).legal.includes(userId);
      })
      .map(homeStatement);
  }

  /** Promises `userId` owes as the voice of an open crisis (spokesperson, or lead while there is none). */
  promisesOwedBy(userId: string): HomeStatement[] {
    return this.deps.store.statements.promisesOwedBy(userId).map(homeStatement);
  }

  cadenceOf(crisis: Crisis): number {
    return cadenceOf(this.deps, crisis);
  }

  private async create(
    crisis: Crisis,
    actorId: string,
    draft: {
      text: string;
      audience: Audience;
      templateId: string | null;
      nextMinutes: number | null;
      preApproved: boolean;
      stated: { at: string | null; text: string | null };
      unseen?: readonly FilledWords[];
      /** Drafted unedited from a pre-approved template (approved at once unless words are unseen). */
      fromPreApproved?: boolean;
    },
  ): Promise<StatementChange> {
    const { store, clock } = this.deps;
    const at = clock.now().toISOString();
    const unseen = draft.unseen ?? [];
    const created = store.transaction(() => {
      const inserted = store.statements.insert(crisis.id, {
        text: draft.text,
        audience: draft.audience,
        templateId: draft.templateId,
        preApproved: draft.preApproved,
        nextMinutes: draft.nextMinutes,
        statedDueAt: draft.stated.at,
        statedDueText: draft.stated.text,
        unseenWords: unseen,
        authorId: actorId,
        createdAt: at,
      });
      const s = `S${inserted.number}`;
      const from = draft.templateId ? ` from template \`${draft.templateId}\`` : '';
      store.timeline.append(
        crisis.id,
        {
          kind: 'statement_drafted',
          occurredAt: at,
          actorId,
          text: `${s} drafted for ${AUDIENCE_LABELS[draft.audience]}${from}: ${draft.text}`,
          data: {
            statement: inserted.number,
            audience: draft.audience,
            template_id: draft.templateId,
            pre_approved: draft.preApproved,
            next_minutes: draft.nextMinutes,
            ...(unseen.length ? { unseen: unseen.map((w) => w.placeholder) } : {}),
          },
        },
        at,
      );
      if (draft.preApproved) {
        store.statements.approve(inserted.id, null, 'template', at);
        store.timeline.append(
          crisis.id,
          { kind: 'statement_approved', occurredAt: at, actorId: null, text: `${s} approved by the pre-approved template \`${draft.templateId ?? ''}\``, data: { statement: inserted.number, as: 'template' } },
          at,
        );
      } else {
        scheduleLegalNeeded(store, this.deps.playbooks, crisis, at);
      }
      return store.statements.get(inserted.id);
    });
    const warnings = await this.afterChange(created);
    const s = `S${created.number}`;
    const review = `(\`/crisis approve ${s}\` or \`/crisis changes ${s} <comment>\`)`;
    const unseenNote = draft.fromPreApproved && unseen.length
      ? `${s} drafted from the pre-approved template \`${created.templateId ?? ''}\`, but it fills in words legal has not approved in this crisis (${unseen.map((w) => FILLED_WORDS_LABELS[w.placeholder]).join(' and ')}), so it is posted in the channel for legal's review ${review}, with those words highlighted.`
      : undefined;
    const message = created.state === 'approved'
      ? `${s} drafted from the pre-approved template \`${created.templateId ?? ''}\`, unedited, so it is approved already. The spokesperson publishes it: \`/crisis publish ${s} <where>\`.`
      : `${unseenNote ?? `${s} drafted and posted in the channel for legal's review ${review}.`}${legalNeededNote(this.deps, crisis)}`;
    return { statement: created, message, warnings };
  }

  /** The channel message and the card, at once, after the change is stored; failures only warn. */
  private afterChange(statement: Statement): Promise<string[]> {
    const snapshot = snapshotById(this.deps, statement.crisisId);
    touchStatementHomes(this.deps, snapshot);
    return afterStored(this.deps, statement.crisisId, [showStatement(this.deps, snapshot, statement)]);
  }
}

/**
 * The people whose App Home lists a crisis's statements (drafts waiting for legal, or the lead with
 * no legal holder; promises owed by the spokesperson, or the lead with none) are told it changed.
 */
export function touchStatementHomes(deps: Pick<ServiceDeps, 'people'>, snapshot: Pick<CrisisSnapshot, 'holders'>): void {
  const { lead, legal, spokesperson } = snapshot.holders;
  touchHome(deps, [...lead, ...legal, ...spokesperson]);
}

function homeStatement(row: { statement: Statement; channelId: string; title: string; isPrivate: boolean }): HomeStatement {
  return { crisisId: row.statement.crisisId, channelId: row.channelId, isPrivate: row.isPrivate, title: row.title, statement: row.statement };
}

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
import { DEFAULT_CADENCE_MINUTES } from '../domain/cadence';
import { isOpen, STATUS_LABELS, type Crisis } from '../domain/crisis';
import { CrisisError } from '../domain/errors';
import { FILLED_WORDS_LABELS, standsIn, unseenWords, type FilledWords } from '../domain/filled-words';
import { AUDIENCE_LABELS, type Audience, type StatementTemplate } from '../domain/playbook';
import { currentHolders } from '../domain/roles';
import {
  assertNextMinutes,
  assertStatementText,
  fillStatementTemplate,
  promisesNextUpdate,
  sameWords,
  wordsDigest,
  type FilledTemplate,
} from '../domain/statement-text';
import { editBlocker, editRefusal, mayEdit, type Statement } from '../domain/statements';
import type { Store } from '../store/store';
import type { ServiceDeps } from './deps';
import type { CrisisSnapshot } from './ports';
import { scheduleLegalNeeded } from './legal-alerts';
import { touchHome } from './people-ports';
import { afterStored, bestEffort, current, snapshotById } from './snapshot';

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

export function templateLine(t: StatementTemplate): string {
  return `\`${t.id}\` (${AUDIENCE_LABELS[t.audience]}${t.preApproved ? ', pre-approved' : ''})`;
}

/** The statement S<n> of a crisis, or a refusal listing the ones there are. */
export function statementOf(store: Pick<Store, 'statements'>, crisisId: number, number: number): Statement {
  const found = store.statements.byNumber(crisisId, number);
  if (found) return found;
  const all = store.statements.list(crisisId);
  const known = all.length
    ? `Statements here: ${all.slice(-10).map((s) => `S${s.number} (${s.state.replace('_', ' ')})`).join(', ')}. \`/crisis statements\` lists them.`
    : 'This crisis has no statements yet; `/crisis statement &lt;text&gt;` drafts one.';
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
    const found = this.deps.playbooks.template(crisis.type, id);
    if (found) return found;
    const shown = Array.from(id).slice(0, 40).join('').replace(/`/g, "'");
    throw new CrisisError(
      'not_found',
      `There is no template \`${shown}\` for this crisis (${this.deps.playbooks.label(crisis.type)}). Templates: ${this.templates(crisis).map(templateLine).join(', ') || 'none'}. Draft from one with \`/crisis statement from &lt;id&gt;\`. Nothing changed.`,
    );
  }

  /**
   * A template's text filled for this crisis now, promising the next statement `nextMinutes` (or the
   * cadence) from now; `nextText`: the words `{next_update}` was filled with before (the modal's first step).
   */
  fill(crisis: Crisis, template: StatementTemplate, nextMinutes: number | null, nextText?: string): FilledTemplate {
    const now = this.deps.clock.now();
    const minutes = nextMinutes ?? this.cadenceOf(crisis);
    return fillStatementTemplate(template, {
      title: crisis.title,
      status: STATUS_LABELS[crisis.status],
      impact: crisis.customerImpact,
      nextDueAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
      ...(nextText !== undefined ? { nextText } : {}),
      timeZone: this.deps.settings.timeZone,
      now,
    });
  }

  /**
   * A template that says when the next update comes may not be drafted once the crisis is resolved:
   * a resolved crisis promises nothing, and the bot would track no promise its text makes.
   */
  checkTemplateUse(crisis: Crisis, template: StatementTemplate): void {
    if (isOpen(crisis) || !promisesNextUpdate(template)) return;
    throw new CrisisError(
      'conflict',
      `This crisis is resolved, so no statement promises customers a next update, and the template \`${template.id}\` says when the next comes (\`{next_update}\`). Write the text by hand: \`/crisis statement &lt;text&gt;\`, or the statement form with "No template". Nothing changed.`,
      'template',
    );
  }

  /** The free text filled in that legal has not approved in this crisis. */
  unseen(crisis: Pick<Crisis, 'id'>, words: readonly FilledWords[]): FilledWords[] {
    return words.length ? unseenWords(words, this.deps.store.statements.legalApprovedTexts(crisis.id)) : [];
  }

  /** `statement from <id>`: the template filled now; a pre-approved one is approved at once when legal has seen every word filled in. */
  async draftFromTemplate(given: Crisis, actorId: string, templateId: string, nextMinutes: number | null = null): Promise<StatementChange> {
    const crisis = current(this.deps, given);
    const template = this.template(crisis, templateId);
    this.checkTemplateUse(crisis, template);
    if (nextMinutes !== null) assertNextMinutes(nextMinutes);
    const filled = this.fill(crisis, template, nextMinutes);
    const unseen = this.unseen(crisis, filled.freeWords);
    return this.create(crisis, actorId, {
      text: assertStatementText(filled.text),
      audience: template.audience,
      templateId: template.id,
      nextMinutes,
      preApproved: template.preApproved && unseen.length === 0,
      stated: { at: filled.statedDueAt, text: filled.statedDueText },
      unseen,
      fromPreApproved: template.preApproved,
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
    if (template && saysStated) this.checkTemplateUse(crisis, template);
    // The template filled again from the crisis as it is now (with the time the form showed): what
    // was filled in, and whether the words are still exactly those.
    const refilled = template ? this.fill(crisis, template, nextMinutes, prefilled?.statedDueText ?? undefined) : undefined;
    // Unedited means the same words for the same audience: anything else goes to review.
    const unedited =
      template !== undefined && prefilled !== undefined && refilled !== undefined && wordsDigest(text) === prefilled.digest && sameWords(text, refilled.text) && audience === template.audience;
    // Filled-in words legal has not seen, wherever they still stand in the text.
    const unseen = refilled ? this.unseen(crisis, refilled.freeWords).filter((w) => standsIn(w.text, text)) : [];
    return this.create(crisis, actorId, {
      text,
      audience,
      templateId: template?.id ?? null,
      nextMinutes,
      preApproved: template !== undefined && unedited && template.preApproved && unseen.length === 0,
      stated: saysStated && prefilled ? { at: prefilled.statedDueAt, text: prefilled.statedDueText } : { at: null, text: null },
      unseen,
      fromPreApproved: template !== undefined && unedited && template.preApproved,
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
    const unseen = this.unseen(crisis, statement.unseenWords.filter((w) => standsIn(w.text, text)));
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
    return this.deps.store.reminders.get(crisis.id)?.cadenceMinutes ?? DEFAULT_CADENCE_MINUTES[crisis.severity];
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
    const review = `(\`/crisis approve ${s}\` or \`/crisis changes ${s} &lt;comment&gt;\`)`;
    const unseenNote = draft.fromPreApproved && unseen.length
      ? `${s} drafted from the pre-approved template \`${created.templateId ?? ''}\`, but it fills in words legal has not approved in this crisis (${unseen.map((w) => FILLED_WORDS_LABELS[w.placeholder]).join(' and ')}), so it is posted in the channel for legal's review ${review}, with those words highlighted.`
      : undefined;
    const message = created.state === 'approved'
      ? `${s} drafted from the pre-approved template \`${created.templateId ?? ''}\`, unedited, so it is approved already. The spokesperson publishes it: \`/crisis publish ${s} &lt;where&gt;\`.`
      : `${unseenNote ?? `${s} drafted and posted in the channel for legal's review ${review}.`}${this.legalNeededNote(crisis)}`;
    return { statement: created, message, warnings };
  }

  /** Under a playbook that requires legal, with no legal holder: who the draft waits for. */
  private legalNeededNote(crisis: Crisis): string {
    if (!this.deps.playbooks.legalRequired(crisis.type)) return '';
    if (currentHolders(this.deps.store.roles.active(crisis.id)).legal.length > 0) return '';
    return ` This crisis type needs legal for every statement, and there is no legal holder: it waits for one (\`/crisis assign @person legal\`) or a crisis admin; the lead does not stand in.`;
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

/**
 * Declaring a crisis: the channel (with -2, -3 … when a name is taken), the declarer invited as
 * lead, the card posted and pinned, then the crisis, its lead, its playbook's deadline clocks and
 * its first timeline rows written in one transaction. The Slack calls go out in three waves, each
 * waiting only for what it needs:
 *
 *   1. create the channel;
 *   2. at once: the topic and purpose, the invitations, the card;
 *   3. once the crisis is stored: at once, the pin, the announcement, the lead's checklist DM and
 *      the first roster's invitations, DMs and card refresh.
 *
 * The invitations and the card must succeed: if either fails (once every call of wave 2 has
 * answered), the half-made channel is archived and nothing is stored, so nothing is listed. The
 * crisis row is written only after them, with the card's ts. Everything else (topic, purpose, pin,
 * announcement, DMs, first roster) may only warn: the crisis stands and the person is told.
 *
 * Each step is recorded as it happens (DeclareProgress, declare_attempts): the name being tried,
 * the channel once made, the crisis in its own transaction, and the end. A declare cut short (the
 * process killed at any step, or an archive that failed) stays unfinished there, and DeclareRepair
 * (at start-up and on the scheduler tick) undoes it, archiving its channel, when no crisis was
 * stored, or finishes it (pin, announcement, checklist, first roster, and a DM to the declarer)
 * when one was.
 *
 * The crisis type's playbook gives the default severity, whether the channel is private, the
 * checklists and the clocks; a drill is the same run marked as practice.
 */
import { addMinutes, DEFAULT_CADENCE_MINUTES, type ReminderState } from '../../core/cadence';
import { MAX_IMPACT_LENGTH } from '../../core/crisis';
import { crisisChannelName, SEVERITY_LABELS, validateTitle, type ChannelNaming, type Crisis, type Severity } from '../../core/crisis';
import { nextOpenClock } from '../deadlines';
import { CrisisError } from '../../core/errors';
import { DEFAULT_TYPE, type Playbook } from '../../core/playbook';
import { startPlaybookClocks } from '../deadlines';
import { ROLES, type Role } from '../../core/roles';
import type { ServiceDeps } from '../../core/deps';
import { touchHome } from '../../core/people-ports';
import { ChannelNameTakenError, ExternalCallError, type CrisisSnapshot } from '../../core/ports';
import type { ChecklistService } from '../roles';
import { recordAssignment, type RoleService } from '../roles';
import { bestEffort, snapshotOf } from '../../core/snapshot';
import type { DeclareProgress } from './declare-progress';
import { isDatabaseBusy } from '../../store/database';

export interface DeclareInput {
  teamId: string;
  userId: string;
  title: string;
  /** Unset: the playbook's default severity. */
  severity?: Severity | undefined;
  /** A playbook id; unset means `other`. An unknown one is refused with the list of types. */
  type?: string | undefined;
  /** A private channel even when the playbook does not ask for one. */
  isPrivate?: boolean;
  /** A practice run: `drill-…` channel, marked DRILL everywhere, left out of reports. */
  drill?: boolean;
  customerImpact?: string;
  /** First holders from the declare modal; the declarer is lead unless another lead is named. */
  firstRoles?: Partial<Record<Role, string[]>>;
}

export interface DeclareResult {
  crisis: Crisis;
  warnings: string[];
}

/** What the checks decided, handed to the steps that make the crisis. */
interface DeclarePlan {
  title: string;
  playbook: Playbook;
  severity: Severity;
  naming: ChannelNaming;
  customerImpact: string;
  declaredAt: string;
  cadence: number;
  others: Partial<Record<Role, string[]>>;
}

const MAX_NAME_ATTEMPTS = 50;

export class DeclareService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly roles: RoleService,
    private readonly checklists: ChecklistService,
    private readonly progress: DeclareProgress,
  ) {}

  async declare(input: DeclareInput): Promise<DeclareResult> {
    const { clock } = this.deps;
    const title = validateTitle(input.title);
    const playbook = this.deps.playbooks.get(input.type ?? DEFAULT_TYPE);
    const severity = input.severity ?? playbook.defaultSeverity;
    const naming: ChannelNaming = { isPrivate: input.isPrivate === true || playbook.private, drill: input.drill === true };
    const customerImpact = (input.customerImpact ?? '').trim();
    if (customerImpact.length > MAX_IMPACT_LENGTH) {
      throw new CrisisError('bad_input', `Keep the customer impact to ${MAX_IMPACT_LENGTH} characters.`, 'impact');
    }
    // The whole first roster is checked before anything is made: a bad one is refused (with the
    // modal field it belongs to), not discovered once the crisis exists.
    this.roles.checkRoster(input.firstRoles ?? {});
    const declaredAt = clock.now().toISOString();
    const cadence = DEFAULT_CADENCE_MINUTES[severity];
    const others = { ...input.firstRoles };
    delete others.lead;

    const attempt = this.progress.begin({ teamId: input.teamId, declaredBy: input.userId, title, isPrivate: naming.isPrivate === true, isDrill: naming.drill === true, firstRoles: others });
    try {
      return await this.make(input, { title, playbook, severity, naming, customerImpact, declaredAt, cadence, others }, attempt);
    } finally {
      this.progress.release(attempt);
    }
  }

  /** Everything after the checks, each step recorded on `attempt`. */
  private async make(input: DeclareInput, plan: DeclarePlan, attempt: number): Promise<DeclareResult> {
    const { store, notifier, settings } = this.deps;
    const { title, playbook, severity, naming, customerImpact, declaredAt, cadence, others } = plan;
    const type = playbook.id;
    const channel = await this.createChannel(title, new Date(declaredAt), naming, attempt);
    const draft: Crisis = {
      id: 0,
      teamId: input.teamId,
      channelId: channel.id,
      channelName: channel.name,
      title,
      type,
      severity,
      status: 'investigating',
      customerImpact,
      declaredBy: input.userId,
      declaredAt,
      resolvedAt: null,
      resolutionSummary: null,
      cardTs: null,
      announceChannelId: settings.announceChannel ?? null,
      announceTs: null,
      isPrivate: naming.isPrivate === true,
      isDrill: naming.drill === true,
    };
    const leadId = input.firstRoles?.lead?.[0] ?? input.userId;
    const reminder: ReminderState = {
      crisisId: 0,
      enabled: true,
      cadenceMinutes: cadence,
      cadenceSource: 'default',
      lastUpdateAt: declaredAt,
      nextDueAt: addMinutes(declaredAt, cadence),
      remindersSinceUpdate: 0,
      lastRemindedAt: null,
    };
    const draftSnapshot: CrisisSnapshot = {
      crisis: draft,
      holders: { lead: [leadId], spokesperson: [], info: [], legal: [], support: [] },
      reminder,
      typeLabel: playbook.label,
      nextDeadline: nextOpenClock(playbook.deadlines.map((d) => ({ clockId: d.id, label: d.label, dueAt: addMinutes(declaredAt, d.dueAfterMinutes), doneAt: null }))) ?? null,
    };

    const warnings: string[] = [];
    const note = (warning: string | null): void => {
      if (warning) warnings.push(warning);
    };
    let crisis: Crisis;
    let cardTs: string;
    try {
      const drill = draft.isDrill ? 'DRILL · ' : '';
      // The notifier makes people's words inert there and cuts both to Slack's length, between characters.
      const topic = `${drill}${SEVERITY_LABELS[severity]} (${severity}) · ${title}`;
      const purpose = `${drill}${playbook.label} crisis declared by the crisis bot. Impact: ${customerImpact || 'not yet known'}`;
      // Wave 2. allSettled: a failure is acted on only once every call has answered, so the archive
      // below never races a call still working on the channel.
      const [described, invited, card] = await Promise.allSettled([
        bestEffort(this.deps, 'set the channel topic', () => notifier.describeChannel(channel.id, topic, purpose)),
        notifier.invite(channel.id, [...new Set([input.userId, leadId])]),
        notifier.postCard(draftSnapshot),
      ]);
      if (invited.status === 'rejected') throw invited.reason;
      if (card.status === 'rejected') throw card.reason;
      if (described.status === 'fulfilled') note(described.value);
      cardTs = card.value;

      crisis = store.transaction(() => {
        const created = store.crises.insert({ ...draft, cardTs });
        store.reminders.save({ ...reminder, crisisId: created.id });
        store.timeline.append(
          created.id,
          {
            kind: 'declared',
            occurredAt: declaredAt,
            actorId: input.userId,
            text: `${draft.isDrill ? 'Drill declared' : 'Declared'} ${severity}: ${title}`,
            data: { severity, crisis_type: type, channel_id: channel.id, private: draft.isPrivate, drill: draft.isDrill },
          },
          declaredAt,
        );
        recordAssignment(store, created.id, { role: 'lead', userId: leadId }, input.userId, declaredAt, this.deps.playbooks.checklistFor(type, 'lead'), this.deps.settings);
        startPlaybookClocks(store, created.id, playbook.deadlines, input.userId, declaredAt);
        this.progress.stored(attempt, created.id, declaredAt);
        return created;
      });
    } catch (err) {
      const archived = await this.abandon(channel.id);
      // Archived, nothing is left to undo; otherwise the repair archives it later, quietly, since
      // the reply below tells the person.
      if (archived) this.progress.abandoned(attempt);
      else this.progress.told(attempt);
      const what = err instanceof ExternalCallError ? err.humanMessage : isDatabaseBusy(err) ? 'the database is busy (another program holds its write lock).' : 'an unexpected error.';
      this.deps.logger.warn('declare failed after the channel was created', { channelId: channel.id, error: err });
      // Say what really happened to the channel: a failed archive leaves it for the person to remove.
      const leftover = archived
        ? `the half-made channel #${channel.name} was archived`
        : `I could not archive the half-made channel #${channel.name}; please archive it`;
      throw new CrisisError('slack_failed', `I could not finish setting up the crisis: ${what} Nothing was declared, and ${leftover}.`);
    }

    // Wave 3: none of these depends on another, and each may only warn.
    const fields = { crisisId: crisis.id };
    const snapshot = snapshotOf(this.deps, crisis);
    const [lead] = store.roles.active(crisis.id);
    const [pinned, announced, sent, roster] = await Promise.all([
      bestEffort(this.deps, 'pin the crisis card', () => notifier.pin(channel.id, cardTs), fields),
      bestEffort(
        this.deps,
        'announce the crisis',
        async () => {
          // Recorded the moment Slack took it, not after the other steps: a crash while they run
          // must not make the repair announce it again.
          const ts = await notifier.announce({ kind: 'declared', snapshot });
          if (ts) store.crises.update(crisis.id, { announceTs: ts }, declaredAt);
        },
        fields,
      ),
      lead ? bestEffort(this.deps, 'send the lead their checklist', () => this.checklists.send(lead), fields) : null,
      this.applyFirstRoster(crisis, input.userId, others),
    ]);
    for (const warning of [pinned, announced, sent, ...roster]) note(warning);
    this.progress.finished(attempt);
    touchHome(this.deps, [leadId]);
    return { crisis: store.crises.get(crisis.id), warnings };
  }

  /** The declare modal's other first holders; the crisis stands whatever happens here. */
  private async applyFirstRoster(crisis: Crisis, actorId: string, others: Partial<Record<Role, string[]>>): Promise<string[]> {
    if (!ROLES.some((r) => (others[r]?.length ?? 0) > 0)) return [];
    try {
      return (await this.roles.applyRoster(crisis, actorId, others)).warnings;
    } catch (err) {
      // The roster was checked before anything was made; this is only a race (say, a resolve
      // in the meantime), and the crisis stands.
      if (!(err instanceof CrisisError)) throw err;
      return [`The crisis is declared, but the first roles were not assigned: ${err.message}`];
    }
  }

  private async createChannel(title: string, declaredAt: Date, naming: ChannelNaming, declare: number): Promise<{ id: string; name: string }> {
    for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt += 1) {
      const name = crisisChannelName(title, declaredAt, this.deps.settings.timeZone, attempt, naming);
      this.progress.trying(declare, name);
      try {
        const channel = await this.deps.notifier.createChannel(name, { isPrivate: naming.isPrivate === true });
        this.progress.channelCreated(declare, channel);
        return channel;
      } catch (err) {
        if (err instanceof ChannelNameTakenError) continue;
        // No channel was made: nothing to undo, and the person is told.
        this.progress.abandoned(declare);
        if (err instanceof ExternalCallError) {
          throw new CrisisError('slack_failed', `I could not create the crisis channel: ${err.humanMessage} Nothing was declared.`);
        }
        throw err;
      }
    }
    this.progress.abandoned(declare);
    throw new CrisisError('slack_failed', `Every channel name for this title is taken (tried ${MAX_NAME_ATTEMPTS}). Try a more specific title.`);
  }

  private async abandon(channelId: string): Promise<boolean> {
    try {
      await this.deps.notifier.archiveChannel(channelId);
      return true;
    } catch (err) {
      this.deps.logger.warn('could not archive the half-made crisis channel', { channelId, error: err });
      return false;
    }
  }
}

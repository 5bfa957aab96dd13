/**
 * Finishing or undoing a declare cut short: at start-up (bot.ts) and on every scheduler tick, for
 * each declare left unfinished in declare_attempts that this process is not working on.
 *
 * - No crisis stored, a channel made: the channel is archived (a re-declare then never leaves an
 *   orphan beside its `-2`). No channel ID known (killed while conversations.create was out): only
 *   the name tried is known, and the declarer is told it.
 * - The crisis stored: what came after it is done again where it is missing: the card pinned
 *   (pinning twice is harmless), the announcement (when none is recorded), the lead's checklist DM
 *   (when none is recorded), the modal's other first holders not yet assigned, the card repainted.
 * - Either way the declarer gets a DM saying what became of it, unless their reply already did.
 *
 * Guarantees: each step is recorded when done, so a repair repeated (Slack down, a second crash)
 * never announces or sends a checklist twice, except once after a crash between Slack taking the
 * message and the bot recording it (at most one extra). A step Slack refuses is tried again on the
 * next tick, up to MAX_REPAIR_TRIES, after which the repair ends and the DM lists what failed.
 */
import { isOpen, type Crisis } from '../../core/crisis';
import { CrisisError } from '../../core/errors';
import { isSingleHolder, ROLES, type Role } from '../../core/roles';
import type { DeclareAttempt } from './declare-attempts-repo';
import type { ChecklistService } from '../roles';
import type { DeclareProgress } from './declare-progress';
import type { ServiceDeps } from '../../core/deps';
import { touchHome } from '../../core/people-ports';
import { ExternalCallError } from '../../core/ports';
import type { DeclareRepairNotice } from './crisis-ports';
import type { RoleService } from '../roles';
import { bestEffort, refreshCard, snapshotOf } from '../../core/snapshot';

export interface DeclareRepairResult {
  finished: number;
  undone: number;
  /** Tried and failed this time; tried again on the next tick. */
  failed: number;
}

/** A repair Slack keeps refusing ends after this many ticks, and says what could not be done. */
export const MAX_REPAIR_TRIES = 5;
/** Most declares repaired in one tick; the rest wait for the next. */
const BATCH = 20;
/** Slack's answers to archiving that mean there is nothing left to archive. */
const CHANNEL_GONE = new Set(['channel_not_found', 'is_archived']);

type Outcome = keyof DeclareRepairResult;

export class DeclareRepair {
  private running: Promise<DeclareRepairResult> | undefined;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly progress: DeclareProgress,
    private readonly roles: RoleService,
    private readonly checklists: ChecklistService,
  ) {}

  /** One sweep; a call while one runs (start-up and the first tick) joins it. */
  tick(): Promise<DeclareRepairResult> {
    this.running ??= this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweep(): Promise<DeclareRepairResult> {
    const result: DeclareRepairResult = { finished: 0, undone: 0, failed: 0 };
    for (const attempt of this.progress.unfinished(BATCH)) {
      if (!this.progress.claim(attempt)) continue;
      try {
        result[await this.repair(attempt)] += 1;
      } catch (err) {
        this.deps.logger.error('could not repair a declare cut short', { declareAttemptId: attempt.id, error: err });
        result.failed += 1;
      } finally {
        this.progress.release(attempt.id);
      }
    }
    return result;
  }

  private repair(attempt: DeclareAttempt): Promise<Outcome> {
    if (attempt.state === 'stored') return this.finish(attempt);
    if (attempt.state === 'channel_created' && attempt.channelId) return this.archive(attempt, attempt.channelId);
    return this.undo(attempt, 'unknown');
  }

  private async archive(attempt: DeclareAttempt, channelId: string): Promise<Outcome> {
    try {
      await this.deps.notifier.archiveChannel(channelId);
    } catch (err) {
      if (!(err instanceof ExternalCallError && CHANNEL_GONE.has(err.code))) {
        return this.failed(attempt, 'archive the half-made channel', err, () => this.undo(attempt, 'not_archived'));
      }
    }
    return this.undo(attempt, 'archived');
  }

  /** Ends an attempt that stored no crisis, telling the declarer unless their reply did. */
  private async undo(attempt: DeclareAttempt, channel: Extract<DeclareRepairNotice, { kind: 'undone' }>['channel']): Promise<Outcome> {
    if (!attempt.declarerTold) {
      const notice: DeclareRepairNotice = { kind: 'undone', title: attempt.title, isDrill: attempt.isDrill, channelName: attempt.channelName, channel };
      const told = await bestEffort(this.deps, 'tell the declarer their declare was undone', () => this.deps.notifier.tellDeclarer(attempt.declaredBy, notice), { declareAttemptId: attempt.id });
      if (told !== null && attempt.repairTries + 1 < MAX_REPAIR_TRIES) return this.retryLater(attempt);
    }
    this.progress.abandoned(attempt.id);
    this.deps.logger.warn('a declare cut short was undone', { declareAttemptId: attempt.id, channelId: attempt.channelId, channelName: attempt.channelName, channel });
    return 'undone';
  }

  private async finish(attempt: DeclareAttempt): Promise<Outcome> {
    const { store, notifier, settings } = this.deps;
    const crisis = attempt.crisisId === null ? undefined : store.crises.find(attempt.crisisId);
    if (!crisis) return this.undo(attempt, 'unknown');
    const fields = { crisisId: crisis.id, declareAttemptId: attempt.id };
    const open = isOpen(crisis);
    const snapshot = snapshotOf(this.deps, crisis);
    const lead = store.roles.active(crisis.id).find((a) => a.role === 'lead');
    const cardTs = crisis.cardTs;
    // What is missing goes out together; each step records itself when Slack took it.
    const steps = await Promise.all([
      cardTs ? bestEffort(this.deps, 'pin the crisis card', () => notifier.pin(crisis.channelId, cardTs), fields) : null,
      open && crisis.announceTs === null && settings.announceChannel
        ? bestEffort(
            this.deps,
            'announce the crisis',
            async () => {
              const ts = await notifier.announce({ kind: 'declared', snapshot });
              if (ts) store.crises.update(crisis.id, { announceTs: ts }, this.deps.clock.now().toISOString());
            },
            fields,
          )
        : null,
      lead && lead.dmTs === null ? bestEffort(this.deps, 'send the lead their checklist', () => this.checklists.send(lead), fields) : null,
    ]);
    const failures = steps.filter((w): w is string => w !== null);
    if (failures.length > 0 && attempt.repairTries + 1 < MAX_REPAIR_TRIES) return this.retryLater(attempt, failures);
    const roster = open ? await this.missingFirstHolders(crisis, attempt) : [];
    await refreshCard(this.deps, crisis.id);
    const notice: DeclareRepairNotice = { kind: 'finished', snapshot: snapshotOf(this.deps, store.crises.get(crisis.id)), warnings: [...failures, ...roster] };
    const told = await bestEffort(this.deps, 'tell the declarer their crisis is declared', () => notifier.tellDeclarer(attempt.declaredBy, notice), fields);
    if (told !== null && attempt.repairTries + 1 < MAX_REPAIR_TRIES) return this.retryLater(attempt);
    this.progress.finished(attempt.id);
    this.deps.logger.warn('a declare cut short was finished', { ...fields, failures });
    touchHome(this.deps, [...new Set([attempt.declaredBy, ...(lead ? [lead.userId] : [])])]);
    return 'finished';
  }

  /** The modal's other first holders not yet in their role: assigned now, never replacing anyone. */
  private async missingFirstHolders(crisis: Crisis, attempt: DeclareAttempt): Promise<string[]> {
    const holders = snapshotOf(this.deps, crisis).holders;
    const desired: Partial<Record<Role, string[]>> = {};
    for (const role of ROLES) {
      const wanted = attempt.firstRoles[role] ?? [];
      const held = holders[role];
      if (role === 'lead' || wanted.every((id) => held.includes(id))) continue;
      if (isSingleHolder(role)) {
        if (held.length === 0 && wanted[0]) desired[role] = [wanted[0]];
      } else {
        desired[role] = [...new Set([...held, ...wanted])];
      }
    }
    if (Object.keys(desired).length === 0) return [];
    try {
      return (await this.roles.applyRoster(crisis, attempt.declaredBy, desired)).warnings;
    } catch (err) {
      if (!(err instanceof CrisisError)) throw err;
      return [`The first roles were not assigned: ${err.message}`];
    }
  }

  private failed(attempt: DeclareAttempt, what: string, err: unknown, giveUp: () => Promise<Outcome>): Promise<Outcome> {
    this.deps.logger.warn(`could not ${what} of a declare cut short`, { declareAttemptId: attempt.id, tries: attempt.repairTries + 1, error: err });
    if (attempt.repairTries + 1 >= MAX_REPAIR_TRIES) return giveUp();
    return this.retryLater(attempt);
  }

  private async retryLater(attempt: DeclareAttempt, failures: string[] = []): Promise<Outcome> {
    this.progress.countFailedRepair(attempt.id);
    if (failures.length) this.deps.logger.warn('a declare cut short could not be finished yet; trying again next tick', { declareAttemptId: attempt.id, failures });
    return 'failed';
  }
}

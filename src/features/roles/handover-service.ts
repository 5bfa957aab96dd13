/**
 * Handovers that carry knowledge: `/crisis handover @user <role> [<note>]` and the handover form.
 * The new holder is assigned and the outgoing one relieved (who that is: src/domain/handover.ts)
 * in one transaction with the handover's note, the outgoing holder's open checklist items and its
 * timeline row; the new holder's checklist DM then starts with them (ChecklistService.send
 * reads the stored handover). Whether the new holder is a bot is asked of Slack first, before the
 * crisis is re-read: nothing awaits between that read, the checks and the transaction. Inviting,
 * DMs, the channel notice and the card follow as for any assignment and may only warn.
 */
import { isOpen, type Crisis } from '../../core/crisis';
import { CrisisError } from '../../core/errors';
import { botRefusal, MAX_HANDOVER_NOTE, outgoingHolder } from './handover';
import { isGuardedRole } from '../../core/permissions';
import { currentHolders, ROLE_LABELS, type Role } from '../../core/roles';
import type { ServiceDeps } from '../../core/deps';
import { ExternalCallError } from '../../core/ports';
import type { RoleChangeResult, RoleService } from './role-service';
import { assertRoleChange, current } from '../../core/snapshot';
import { person } from '../../core/words';

export interface HandoverInput {
  toUserId: string;
  role: Role;
  /** What the new holder should know; may be empty. */
  note: string;
}

export class HandoverService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly roles: RoleService,
  ) {}

  /**
   * The checks that need no Slack call, so a command refuses in its ack and the form with a field
   * error: open crisis, not the bot, not oneself, not a current holder, who may hand over lead,
   * spokesperson and legal (src/domain/permissions.ts).
   * Returns who would be relieved.
   */
  check(given: Crisis, actorId: string, input: HandoverInput): { from: string | null } {
    const crisis = current(this.deps, given);
    if (!isOpen(crisis)) throw new CrisisError('conflict', 'This crisis is resolved. Use `/crisis reopen` before handing over a role.');
    if (input.toUserId === this.deps.settings.botUserId) throw botRefusal(input.toUserId);
    if (Array.from(input.note.trim()).length > MAX_HANDOVER_NOTE) {
      throw new CrisisError('bad_input', `The handover note is ${Array.from(input.note.trim()).length} characters; keep it to ${MAX_HANDOVER_NOTE} or fewer. Nothing changed.`, 'handover_note');
    }
    const holders = currentHolders(this.deps.store.roles.active(crisis.id))[input.role];
    // Who may comes first, so a member naming themselves for a guarded role hears that, not "not to
    // yourself". Those roles have one holder: the one a handover relieves.
    if (isGuardedRole(input.role)) assertRoleChange(this.deps, crisis, actorId, { role: input.role, adds: [input.toUserId], relieves: holders.slice(0, 1) });
    return { from: outgoingHolder({ role: input.role, to: input.toUserId, actorId, holders }) };
  }

  async handOver(given: Crisis, actorId: string, input: HandoverInput): Promise<RoleChangeResult> {
    const { store } = this.deps;
    this.check(given, actorId, input);
    await this.assertPerson(input.toUserId);
    // From this read to the transaction nothing awaits.
    const crisis = current(this.deps, given);
    const { from } = this.check(crisis, actorId, input);
    const note = input.note.trim();
    const openItems = from === null ? [] : this.openItemsOf(crisis.id, input.role, from);
    const { role, toUserId: to } = input;
    const warnings = await this.roles.handOver(crisis, actorId, { role, userId: to, ...(from !== null ? { replaces: from } : {}) }, (created, at) => {
      store.handovers.insert({ crisisId: crisis.id, assignmentId: created.id, role, fromUserId: from, toUserId: to, note, openItems, by: actorId, at });
      const label = ROLE_LABELS[role].toLowerCase();
      const items = openItems.length === 1 ? '1 open checklist item' : `${openItems.length} open checklist items`;
      store.timeline.append(
        crisis.id,
        {
          kind: 'handover',
          occurredAt: at,
          actorId,
          text: `${from !== null ? `Handover of ${label} from ${person(from)} to ${person(to)}` : `${person(to)} took over ${label}`}${note ? `: ${note}` : ' (no note)'}${from !== null ? ` · ${items} passed on` : ''}`,
          data: { role, from, to, note, open_items: openItems },
        },
        at,
      );
    });
    const label = ROLE_LABELS[role].toLowerCase();
    const carried = `${note ? 'your note' : 'the handover (no note)'}${from !== null ? ` and ${person(from)}'s ${openItems.length} open checklist ${openItems.length === 1 ? 'item' : 'items'}` : ''}`;
    const message = from !== null
      ? `Handed over ${label} from ${person(from)} to ${person(to)}; their checklist DM starts with ${carried}.`
      : `${person(to)} is now ${label}; their checklist DM starts with ${carried}.`;
    return { message, warnings };
  }

  /** Slack's word on whether the new holder is a person. A lookup that fails for another reason does not hold up a handover. */
  private async assertPerson(userId: string): Promise<void> {
    const notifier = this.deps.people?.notifier;
    if (!notifier) return;
    let bot: boolean;
    try {
      bot = await notifier.isBot(userId);
    } catch (err) {
      if (err instanceof ExternalCallError && err.code === 'user_not_found') {
        throw new CrisisError('not_found', `I could not find ${person(userId)} in this workspace. Nothing changed.`);
      }
      this.deps.logger.warn('could not check whether the new holder is a bot; handing over', { userId, error: err });
      return;
    }
    if (bot) throw botRefusal(userId);
  }

  /** The outgoing holder's checklist items still open, as texts. */
  private openItemsOf(crisisId: number, role: Role, userId: string): string[] {
    const { store } = this.deps;
    const holding = store.roles.active(crisisId).find((a) => a.role === role && a.userId === userId);
    if (!holding) return [];
    return store.roles.checklist(holding.id).filter((i) => i.doneAt === null).map((i) => i.text);
  }
}

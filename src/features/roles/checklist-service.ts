/**
 * A role holder's checklist: ticking items (from the checklist DM or the App Home, each change a
 * timeline row in one transaction) and the checklist DM itself, which starts with the handover
 * note when the holding came from a handover. The DM is sent after the assignment is stored; a
 * failure there is the caller's to report, and sending it again reads the same stored note.
 */
import { CrisisError } from '../../core/errors';
import type { StoredAssignment } from '../../core/repos/roles-repo';
import type { ServiceDeps } from '../../core/deps';
import type { ChecklistMessage } from './roles-ports';
import { touchHome } from '../../core/people-ports';
import { snapshotById } from '../../core/snapshot';

export class ChecklistService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Ticks or unticks items: `selectedIndexes` is what is ticked now; each change is a timeline row. */
  tick(assignmentId: number, actorId: string, selectedIndexes: readonly number[]): { assignment: StoredAssignment; changed: number } {
    const { store, clock } = this.deps;
    const assignment = store.roles.find(assignmentId);
    if (!assignment) throw new CrisisError('not_found', 'That checklist no longer exists.');
    const at = clock.now().toISOString();
    let changed = 0;
    store.transaction(() => {
      for (const item of store.roles.checklist(assignmentId)) {
        const done = selectedIndexes.includes(item.index);
        if (done === (item.doneAt !== null)) continue;
        store.roles.setItemDone(assignmentId, item.index, done, actorId, at);
        store.timeline.append(
          assignment.crisisId,
          {
            kind: 'checklist_ticked',
            occurredAt: at,
            actorId,
            text: `${done ? 'Done' : 'Not done'}: ${item.text}`,
            data: { role: assignment.role, item: item.text, done },
          },
          at,
        );
        changed += 1;
      }
    });
    if (changed > 0) touchHome(this.deps, [assignment.userId]);
    return { assignment, changed };
  }

  /** Sends (or re-sends) a holder their checklist DM and remembers where it went. */
  async send(assignment: StoredAssignment): Promise<void> {
    const { store, notifier } = this.deps;
    const sent = await notifier.sendChecklist(this.message(assignment));
    store.roles.setDm(assignment.id, sent.channelId, sent.ts);
  }

  /** Repaints the checklist DM in place after a tick. */
  async refresh(assignmentId: number): Promise<void> {
    await this.deps.notifier.updateChecklist(this.message(this.deps.store.roles.get(assignmentId)));
  }

  private message(assignment: StoredAssignment): ChecklistMessage {
    const { store } = this.deps;
    const handover = store.handovers.forAssignment(assignment.id);
    return { snapshot: snapshotById(this.deps, assignment.crisisId), assignment, items: store.roles.checklist(assignment.id), ...(handover ? { handover } : {}) };
  }
}

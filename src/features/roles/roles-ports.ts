/** What the roles feature needs from Slack: the holder's checklist DM, the relieved holder's DM, and its channel notices. */
import type { CrisisSnapshot } from '../../core/ports';
import type { Role } from '../../core/roles';
import type { ChecklistItem, StoredAssignment } from '../../core/repos/roles-repo';
import type { HandoverRecord } from './handovers-repo';

export interface ChecklistMessage {
  snapshot: CrisisSnapshot;
  assignment: StoredAssignment;
  items: ChecklistItem[];
  /** When the role was handed over: the DM starts with the note and the outgoing holder's open items. */
  handover?: HandoverRecord;
}

declare module '../../core/ports' {
  interface Notifier {
    sendChecklist(message: ChecklistMessage): Promise<{ channelId: string; ts: string }>;
    updateChecklist(message: ChecklistMessage): Promise<void>;
    tellRelieved(userId: string, snapshot: CrisisSnapshot, role: Role, by: string): Promise<void>;
  }
  interface ChannelNotices {
    /** A role still empty some time into a serious crisis, with the button that assigns roles. */
    role_nudge: { role: Role; minutesSinceDeclared: number };
    handover: { role: Role; from: string; to: string; by: string };
  }
}

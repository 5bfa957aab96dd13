/**
 * What the crisis feature needs from Slack beyond the core's intents (src/core/ports.ts): the DM
 * telling a declarer what became of a declare cut short, and the declaration's announcement.
 */
import type { CrisisSnapshot } from '../../core/ports';

/**
 * What became of a declare cut short (declare-repair.ts), for a DM to the person who declared it:
 * its reply may never have come.
 */
export type DeclareRepairNotice =
  | { kind: 'finished'; snapshot: CrisisSnapshot; warnings: string[] }
  | {
      kind: 'undone';
      title: string;
      isDrill: boolean;
      channelName: string | null;
      /** archived: its channel was; not_archived: it could not be; unknown: it may have been made, its ID never came back. */
      channel: 'archived' | 'not_archived' | 'unknown';
    };

declare module '../../core/ports' {
  interface Notifier {
    /** A DM to the declarer: their declare, cut short, was finished or undone. */
    tellDeclarer(userId: string, notice: DeclareRepairNotice): Promise<void>;
  }
  interface Announcements {
    declared: Record<never, never>;
  }
}

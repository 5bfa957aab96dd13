/**
 * What the services need from the outside world, as interfaces. The services never see a Slack
 * type, only these intents; the Slack side implements them (src/slack/notifier.ts for the core's,
 * each feature's slack/ folder for its own, put together in src/app/notifier.ts).
 *
 * The core's intents are here. A feature adds its own by declaration merging: its Notifier methods,
 * the facts a snapshot carries, its kinds of channel notice and announcement, e.g.
 * `declare module '../../core/ports' { interface Notifier { postDeadlineAlert(…): Promise<void> } }`.
 */
import type { Crisis } from './crisis';
import type { Role } from './roles';

/** A crisis with what every view of it needs: the core's facts, and each feature's (see its index.ts). */
export interface CrisisSnapshot {
  crisis: Crisis;
  holders: Record<Role, string[]>;
  /** The crisis type as people read it (its playbook's label); views fall back to the type id. */
  typeLabel?: string;
}

/** A call to the outside that failed; `humanMessage` is plain words for the person affected. */
export class ExternalCallError extends Error {
  constructor(
    readonly operation: string,
    readonly code: string,
    readonly humanMessage: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${operation} failed: ${code}`);
    this.name = 'ExternalCallError';
  }
}

/** The channel name is in use (archived channels included). */
export class ChannelNameTakenError extends ExternalCallError {
  constructor(name: string) {
    super('conversations.create', 'name_taken', `The channel name #${name} is taken.`);
    this.name = 'ChannelNameTakenError';
  }
}

/**
 * The notices a feature posts in a crisis channel, by kind, with what each says (`{ from, to, by }`);
 * each feature adds its kinds, and its Slack side says how each reads.
 */
export interface ChannelNotices {}

export type ChannelNotice = { [K in keyof ChannelNotices]: { kind: K } & ChannelNotices[K] }[keyof ChannelNotices];

/** What is announced in the announcement channel, by kind; each feature adds its kinds. */
export interface Announcements {}

export type Announcement = { [K in keyof Announcements]: { kind: K; snapshot: CrisisSnapshot } & Announcements[K] }[keyof Announcements];

export interface Notifier {
  /** A private channel when `isPrivate` (a private crisis). */
  createChannel(name: string, options?: { isPrivate?: boolean }): Promise<{ id: string; name: string }>;
  archiveChannel(channelId: string): Promise<void>;
  describeChannel(channelId: string, topic: string, purpose: string): Promise<void>;
  /** Invites; people already in the channel are not an error. */
  invite(channelId: string, userIds: string[]): Promise<void>;
  /** Whether the person is in the channel now (a private crisis asks before its words go to them). */
  isMember(channelId: string, userId: string): Promise<boolean>;
  postCard(snapshot: CrisisSnapshot): Promise<string>;
  updateCard(snapshot: CrisisSnapshot): Promise<void>;
  pin(channelId: string, ts: string): Promise<void>;
  /** Posts to the announcement channel; undefined when none is configured. */
  announce(announcement: Announcement): Promise<string | undefined>;
  postNotice(snapshot: CrisisSnapshot, notice: ChannelNotice): Promise<void>;
  permalink(channelId: string, ts: string): Promise<string | null>;
  react(channelId: string, ts: string, name: string): Promise<void>;
  /**
   * People's display names by user id, for text where mentions do not render (the debrief file).
   * Best effort: ids it cannot name are left out. Optional, so a test double may skip it.
   */
  userNames?(userIds: readonly string[]): Promise<Map<string, string>>;
}

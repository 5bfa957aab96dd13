/**
 * What the statement services need from Slack, as intents (see ports.ts): the draft's message in
 * the crisis channel kept in step with its state, the published text, the author's DM when legal
 * sends a draft back, the promise alerts, and the notice that a legal holder is needed. Part of the Notifier.
 */
import type { Statement } from './statements';
import type { Crisis } from '../../core/crisis';
import type { CrisisSnapshot } from '../../core/ports';
import type { StatementFacts } from './statement-facts';

export interface PromiseAlertMessage {
  kind: 'reminder' | 'broken';
  statement: Statement;
  dueAt: string;
  minutesLeft: number;
  /** When it is sent (times on the same day are shown short). */
  sentAt: string;
  /** Who owes the next statement: the spokesperson (the lead while there is none), mentioned in the channel. */
  mentionIds: string[];
  /** The lead(s), told by DM when a promise is broken. */
  leadIds: string[];
}

export interface StatementNotifier {
  /** Posts a statement's message (its text, state and buttons) in the crisis channel; its ts. */
  postStatement(snapshot: CrisisSnapshot, statement: Statement): Promise<string>;
  /** Re-renders that message in place (statement.messageTs). */
  updateStatement(snapshot: CrisisSnapshot, statement: Statement): Promise<void>;
  /** Tells the channel a statement was published, with its text, where and the promise it makes. */
  postPublished(snapshot: CrisisSnapshot, statement: Statement): Promise<void>;
  /** DMs the author the change request's comment, with a button to edit the draft. */
  dmChangesRequested(snapshot: CrisisSnapshot, statement: Statement): Promise<void>;
  /** A reminder in the channel before a promised statement is due. */
  postPromiseReminder(snapshot: CrisisSnapshot, alert: PromiseAlertMessage): Promise<void>;
  /** In the channel when a promised statement did not come, mentioning who owed it. */
  postPromiseBroken(snapshot: CrisisSnapshot, alert: PromiseAlertMessage): Promise<void>;
  /** A DM to `userId` (the lead) when a promised statement did not come. */
  tellPromiseBroken(userId: string, snapshot: CrisisSnapshot, alert: PromiseAlertMessage): Promise<void>;
  /** Once per crisis whose playbook requires legal: a legal holder is needed for the drafts `waiting` (their numbers). */
  postLegalNeeded(snapshot: CrisisSnapshot, waiting: readonly number[]): Promise<void>;
}

/**
 * Where a published statement goes besides the record (the publishing feature): `check` refuses a
 * `where` naming a target that is not set up, before anything is written; `record` runs inside the
 * publish's transaction (the outbox rows land with the publish or not at all) and says in words
 * what will be delivered; `published` runs once the channel has been told, and starts the sending.
 */
export interface PublishHook {
  check(crisis: Crisis, statement: Statement, where: string): void;
  /** `named`: the person said where (else `where` is the audience's label, and the reply may offer the targets). */
  record(crisis: Crisis, statement: Statement, where: string, at: string, named: boolean): string;
  published(crisisId: number): void;
}

declare module '../../core/ports' {
  interface Notifier extends StatementNotifier {}
  interface CrisisSnapshot {
    /** The latest published statement and the promise it makes, for the card. */
    statements?: StatementFacts;
  }
}

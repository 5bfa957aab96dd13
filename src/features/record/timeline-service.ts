/**
 * The after-action record while the crisis runs: messages captured from the channel (pushpin,
 * pin, message shortcut), notes, follow-up actions, and corrections to entries (their rules and
 * versions in timeline-corrections.ts). A captured message keeps its own time and is recorded once
 * however many ways it arrives.
 */
import { CrisisError } from '../../core/errors';
import type { Crisis } from '../../core/crisis';
import type { TimelineEvent } from '../../core/timeline';
import type { FollowUpAction } from './follow-up';
import type { ServiceDeps } from '../../core/deps';
import type { EntryCorrection, TimelineEntryVersion } from './timeline-versions';
import { touchHome } from '../../core/people-ports';
import { ExternalCallError } from '../../core/ports';
import { bestEffort, current } from '../../core/snapshot';
import { assertMayEditTimeline, correctEntry, correctionsOf, entryVersions, type CorrectionInput } from './timeline-corrections';

export type { CorrectionInput } from './timeline-corrections';
import { cutText } from '../../core/text';
import { person } from '../../core/words';

export interface CaptureInput {
  channelId: string;
  messageTs: string;
  authorId: string | null;
  text: string;
  via: 'pushpin' | 'pin' | 'shortcut';
  capturedBy: string;
}

export type CaptureResult =
  | { outcome: 'captured'; event: TimelineEvent }
  | { outcome: 'duplicate'; event: TimelineEvent | undefined }
  | { outcome: 'ignored'; reason: string };

/** What the timeline edit modal can show whole: Slack's text inputs hold at most 3000 characters. */
export const MAX_CAPTURED_TEXT = 3000;

/** A Slack message ts ("1700000000.123456") as an ISO time. */
export function tsToIso(ts: string): string {
  const seconds = Number(ts.split('.')[0]);
  const micros = Number((ts.split('.')[1] ?? '0').padEnd(6, '0').slice(0, 6));
  return new Date(seconds * 1000 + Math.floor(micros / 1000)).toISOString();
}

export class TimelineService {
  constructor(private readonly deps: ServiceDeps) {}

  async capture(input: CaptureInput): Promise<CaptureResult> {
    const { store, clock, notifier, logger } = this.deps;
    const crisis = store.crises.byChannel(input.channelId);
    if (!crisis) return { outcome: 'ignored', reason: 'not a crisis channel' };
    if (crisis.cardTs === input.messageTs) return { outcome: 'ignored', reason: 'the crisis card itself' };
    // A ts that is not Slack's "seconds.micros" has no time to record (and would throw below).
    if (!/^\d{1,12}(\.\d{1,6})?$/.test(input.messageTs)) return { outcome: 'ignored', reason: 'not a Slack message timestamp' };
    const sourceKey = `msg:${input.channelId}:${input.messageTs}`;
    const existing = store.timeline.bySource(crisis.id, sourceKey);
    if (existing) return { outcome: 'duplicate', event: existing };

    let permalink: string | null = null;
    try {
      permalink = await notifier.permalink(input.channelId, input.messageTs);
    } catch (err) {
      logger.warn('could not get a permalink for a captured message', { crisisId: crisis.id, error: err });
    }
    const at = clock.now().toISOString();
    const text = cutText(input.text, MAX_CAPTURED_TEXT);
    const event = store.timeline.append(
      crisis.id,
      {
        kind: 'message_captured',
        occurredAt: tsToIso(input.messageTs),
        actorId: input.authorId,
        text,
        data: { channel_id: input.channelId, ts: input.messageTs, via: input.via },
        sourceKey,
        permalink,
      },
      at,
    );
    if (!event) return { outcome: 'duplicate', event: store.timeline.bySource(crisis.id, sourceKey) };
    try {
      await notifier.react(input.channelId, input.messageTs, 'memo');
    } catch (err) {
      logger.debug('could not confirm a capture with a reaction', { crisisId: crisis.id, error: err });
    }
    return { outcome: 'captured', event };
  }

  note(crisis: Crisis, actorId: string, text: string): TimelineEvent {
    const at = this.deps.clock.now().toISOString();
    const event = this.deps.store.timeline.append(crisis.id, { kind: 'note', occurredAt: at, actorId, text, data: {} }, at);
    if (!event) throw new Error('note was not recorded');
    return event;
  }

  /**
   * Records a follow-up action. Its owner must be in the crisis channel, where the action is posted:
   * in a private crisis Slack is asked first, and someone outside is refused with nothing stored
   * (the action's words would reach them, on their App Home); otherwise it is stored at once,
   * before the caller's ack, and `inviteOwner` brings the owner in.
   */
  addAction(crisis: Crisis, actorId: string, text: string, ownerId: string | null): Promise<FollowUpAction> {
    if (ownerId === null || !crisis.isPrivate) return Promise.resolve(this.storeAction(crisis, actorId, text, ownerId));
    return this.addActionForMember(crisis, actorId, text, ownerId);
  }

  /** Invites the action's owner into a public crisis's channel; a failure is a line for the person. */
  async inviteOwner(crisis: Crisis, action: FollowUpAction): Promise<string[]> {
    if (action.ownerId === null || crisis.isPrivate) return [];
    const ownerId = action.ownerId;
    const warning = await bestEffort(this.deps, `invite ${person(ownerId)} to the channel`, () => this.deps.notifier.invite(crisis.channelId, [ownerId]), { crisisId: crisis.id });
    return warning === null ? [] : [warning];
  }

  private async addActionForMember(crisis: Crisis, actorId: string, text: string, ownerId: string): Promise<FollowUpAction> {
    let member: boolean;
    try {
      member = await this.deps.notifier.isMember(crisis.channelId, ownerId);
    } catch (err) {
      this.deps.logger.warn('could not check that an action owner is in a private crisis channel', { crisisId: crisis.id, error: err });
      const why = err instanceof ExternalCallError ? ` (${err.humanMessage})` : '';
      throw new CrisisError('slack_failed', `I could not check with Slack whether ${person(ownerId)} is in this private channel${why}, so the action was not recorded. Nothing changed; try again.`);
    }
    if (!member) {
      throw new CrisisError(
        'forbidden',
        `${person(ownerId)} is not in this private crisis channel, so the action can't be theirs: its words would reach them outside it. Add them to the channel first, or give the action to someone in it. Nothing changed.`,
      );
    }
    return this.storeAction(current(this.deps, crisis), actorId, text, ownerId);
  }

  private storeAction(crisis: Crisis, actorId: string, text: string, ownerId: string | null): FollowUpAction {
    const { store, clock } = this.deps;
    const at = clock.now().toISOString();
    const added = store.transaction(() => {
      const action = store.followUps.addAction(crisis.id, text, ownerId, actorId, at);
      store.timeline.append(
        crisis.id,
        { kind: 'action_added', occurredAt: at, actorId, text: ownerId ? `${text} (owner ${person(ownerId)})` : text, data: { action_id: action.id, owner_id: ownerId } },
        at,
      );
      return action;
    });
    touchHome(this.deps, [ownerId]);
    return added;
  }

  setActionDone(actionId: number, actorId: string, done: boolean): FollowUpAction {
    const { store, clock } = this.deps;
    const action = store.followUps.action(actionId);
    if (!action) throw new CrisisError('not_found', 'That action no longer exists.');
    if ((action.doneAt !== null) === done) return action;
    const at = clock.now().toISOString();
    store.transaction(() => {
      store.followUps.setActionDone(actionId, done, actorId, at);
      store.timeline.append(
        action.crisisId,
        { kind: 'action_done', occurredAt: at, actorId, text: `${done ? 'Done' : 'Reopened'}: ${action.text}`, data: { action_id: actionId, done } },
        at,
      );
    });
    touchHome(this.deps, [action.ownerId]);
    return store.followUps.action(actionId) as FollowUpAction;
  }

  /**
   * Corrects an entry's text or time, or hides it (or shows it again): the lead, the info gatherers,
   * the declarer and admins only; every version is kept (timeline-corrections.ts).
   */
  correct(crisis: Crisis, entryId: number, actorId: string, change: CorrectionInput): TimelineEvent {
    return correctEntry(this.deps, crisis, entryId, actorId, change);
  }

  /** Refuses, naming who may, anyone who may not edit the timeline: the Edit button asks before opening the form. */
  assertMayEdit(crisis: Crisis, actorId: string): void {
    assertMayEditTimeline(this.deps, crisis, actorId);
  }

  /** Every version of an entry, the original first. */
  versions(crisis: Crisis, entryId: number): TimelineEntryVersion[] {
    return entryVersions(this.deps, crisis, entryId);
  }

  /** Each corrected entry's corrections (who, when, what), by entry id. */
  corrections(crisis: Crisis): Map<number, EntryCorrection[]> {
    return correctionsOf(this.deps, crisis.id);
  }

  /** The visible timeline, in the order things happened. */
  visible(crisis: Crisis): TimelineEvent[] {
    return this.deps.store.timeline.list(crisis.id).filter((e) => !e.hidden);
  }

  /**
   * The last `limit` visible entries (in the order things happened) and how many visible entries
   * there are: `/crisis timeline` answers in the ack, so it reads only what it shows.
   */
  latest(crisis: Crisis, limit: number): { events: TimelineEvent[]; total: number } {
    const { timeline } = this.deps.store;
    return { events: timeline.latestVisible(crisis.id, limit), total: timeline.countVisible(crisis.id) };
  }
}

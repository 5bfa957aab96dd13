/**
 * The after-action record while the crisis runs: messages captured from the channel (pushpin,
 * pin, message shortcut), notes, follow-up actions, and corrections to entries. A captured message
 * keeps its own time and is recorded once however many ways it arrives.
 */
import { CrisisError } from '../domain/errors';
import type { Crisis } from '../domain/crisis';
import type { TimelineEvent } from '../domain/timeline';
import type { FollowUpAction } from '../domain/follow-up';
import type { ServiceDeps } from './deps';
import { touchHome } from './people-ports';
import { cutText } from '../domain/text';

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

export interface CorrectionInput {
  text?: string;
  occurredAt?: string;
  hidden?: boolean;
}

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

  addAction(crisis: Crisis, actorId: string, text: string, ownerId: string | null): FollowUpAction {
    const { store, clock } = this.deps;
    const at = clock.now().toISOString();
    const added = store.transaction(() => {
      const action = store.followUps.addAction(crisis.id, text, ownerId, actorId, at);
      store.timeline.append(
        crisis.id,
        { kind: 'action_added', occurredAt: at, actorId, text: ownerId ? `${text} (owner <@${ownerId}>)` : text, data: { action_id: action.id, owner_id: ownerId } },
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

  /** Corrects an entry's text or time, or hides it; the old values stay in a correction row. */
  correct(crisis: Crisis, entryId: number, actorId: string, change: CorrectionInput): TimelineEvent {
    const { store, clock } = this.deps;
    const entry = store.timeline.find(entryId);
    if (!entry || entry.crisisId !== crisis.id) throw new CrisisError('not_found', 'That timeline entry is not part of this crisis.');
    if (entry.kind === 'entry_corrected') throw new CrisisError('bad_input', 'Corrections themselves cannot be corrected.');
    const published = entry.kind === 'statement' ? entry.data.statement : undefined;
    if (typeof published === 'number' && change.text !== undefined && change.text.trim() !== entry.text) {
      throw new CrisisError('bad_input', `This is S${published} as it was published, and a published statement is never edited: a correction is a new statement (\`/crisis statement\` with the corrected words). Its time can be corrected, or the entry hidden.`, 'text');
    }
    const after = {
      text: change.text?.trim() ?? entry.text,
      occurred_at: change.occurredAt ?? entry.occurredAt,
      hidden: change.hidden ?? entry.hidden,
    };
    if (after.text.length === 0) throw new CrisisError('bad_input', 'An entry needs some text; hide it instead.', 'text');
    const before = { text: entry.text, occurred_at: entry.occurredAt, hidden: entry.hidden };
    if (before.text === after.text && before.occurred_at === after.occurred_at && before.hidden === after.hidden) return entry;
    const at = clock.now().toISOString();
    store.transaction(() => {
      store.timeline.correct(entryId, after.text, after.occurred_at, after.hidden);
      const what = after.hidden !== before.hidden ? (after.hidden ? 'hidden' : 'shown again') : 'corrected';
      store.timeline.append(crisis.id, { kind: 'entry_corrected', occurredAt: at, actorId, text: `Entry #${entryId} ${what}`, data: { entry_id: entryId, before, after } }, at);
    });
    return store.timeline.get(entryId);
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

/**
 * Help desks' tickets in the bot: one ticket event recorded (once), counted for every open crisis
 * whose tag it carries or whose keywords its subject holds, and for the early warning's per-key
 * counts; each crisis's tag and keywords; what the card shows.
 *
 * Guarantees: an event's writes (the event row that de-duplicates it, the ticket, the key counts,
 * the crises' tickets) land in one transaction, so the same event twice, or two deliveries racing,
 * count once. `record` is synchronous: the HTTP answer waits for the database only; the card
 * repaint follows and may only warn. The customer's words are dropped before anything is written
 * (toStoredTicketEvent); only ids, times, tags, the score and our keyword hits are kept.
 * Period samples and the early warning are the tickers' (periods-ticker.ts, early-warning-ticker.ts).
 */
import { isOpen, type Crisis } from '../../core/crisis';
import { CrisisError } from '../../core/errors';
import type { ServiceDeps } from '../../core/deps';
import { current, refreshCard } from '../../core/snapshot';
import type { VolumeService } from '../customer';
import { bucketMinute } from './early-warning';
import { compileKeywords, keysOf, matchCrisis, newKeys, parseCrisisTag, parseKeywordList, type Keyword, type KeywordMatcher, type KeywordProblem, type TagProblem } from './matching';
import { negativeShareNow, type ShareNow } from './negative-share';
import type { HelpdeskCounts, HelpdeskRepo } from './repo';
import { sentimentFromStore, type SentimentScore } from './sentiment';
import { ticketTime, toStoredTicketEvent, type TicketEvent } from './ticket-event';

export type RecordOutcome = { status: 'duplicate' } | { status: 'recorded'; crisisIds: number[]; followUp: () => Promise<void> };

/** What the card shows of a crisis's tickets. */
export interface HelpdeskFacts {
  tag: string;
  keywords: readonly string[];
  counts: HelpdeskCounts;
  negative: ShareNow;
}

export type WatchChange =
  | { ok: true; tag: string; keywords: readonly string[]; changed: boolean }
  | { ok: false; problem: TagProblem | { code: 'tag_taken'; tag: string; crisisId: number } }
  | { ok: false; problems: KeywordProblem[] };

const HOUR_MS = 60 * 60_000;

export function helpdeskFacts(repo: HelpdeskRepo, crisisId: number, now: Date): HelpdeskFacts {
  const watch = repo.watch(crisisId);
  const scored = repo.scored(crisisId, new Date(now.getTime() - 2 * HOUR_MS).toISOString()).flatMap((t) => {
    const sentiment = sentimentFromStore(t.sentiment);
    return sentiment === null ? [] : [{ at: t.at, sentiment }];
  });
  return {
    tag: watch.tag,
    keywords: watch.keywords,
    counts: repo.counts(crisisId, new Date(now.getTime() - HOUR_MS).toISOString()),
    negative: negativeShareNow(scored, now),
  };
}

export class HelpdeskService {
  private matcher: { key: string; matcher: KeywordMatcher } | undefined;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly repo: HelpdeskRepo,
    private readonly volume: Pick<VolumeService, 'requestCard'>,
    /** Every playbook's `keywords:`, watched by the early warning and matched in every subject. */
    private readonly playbookKeywords: readonly Keyword[],
    /** The FAQ message for support reps shows the tag: brought in line when the tag changes. */
    private readonly faq?: { publish(crisisId: number, change: { summary: string; by: string | null }): Promise<string[]> },
  ) {}

  /** Records a ticket event (already verified and parsed); synchronous. */
  record(event: TicketEvent): RecordOutcome {
    const { store, clock } = this.deps;
    const receivedAt = clock.now().toISOString();
    const watches = this.repo.openWatches();
    const stored = toStoredTicketEvent(event, this.matcherFor(watches.flatMap((w) => w.keywords)));
    const hits = stored.keywordMatch.keywords;
    const crisisIds = store.transaction(() => {
      if (!this.repo.takeEvent({ desk: stored.desk, eventId: stored.eventId, ticketId: stored.ticketId, kind: stored.kind, occurredAt: stored.occurredAt, receivedAt })) return null;
      const prior = this.repo.ticket(stored.desk, stored.ticketId);
      const at = prior?.ticketAt ?? ticketTime(stored);
      const sentiment: SentimentScore = (prior ? sentimentFromStore(prior.sentiment) : null) ?? stored.sentiment;
      const ticket = { tags: stored.tags, keywordHits: hits };
      const added = newKeys(prior?.countedKeys ?? [], keysOf(ticket));
      // A key a known ticket gains later counts when it was gained; a new ticket's when it was made.
      const bucket = bucketMinute(Date.parse(prior ? stored.occurredAt : at));
      for (const key of added) this.repo.countKey(key, bucket);
      this.repo.saveTicket({ desk: stored.desk, ticketId: stored.ticketId, ticketAt: at, at: stored.occurredAt, tags: stored.tags, hits, countedKeys: [...(prior?.countedKeys ?? []), ...added], sentiment });
      const changed: number[] = [];
      for (const watch of watches) {
        const match = matchCrisis(ticket, watch);
        if (match === null) continue;
        const before = this.repo.crisisTicketMatch(watch.crisisId, stored.desk, stored.ticketId);
        if (before === undefined) {
          const countedAt = prior && stored.occurredAt > at ? stored.occurredAt : at;
          this.repo.countForCrisis({ crisisId: watch.crisisId, desk: stored.desk, ticketId: stored.ticketId, match, countedAt, sentiment });
          changed.push(watch.crisisId);
        } else if (before === 'keyword' && match === 'tag') {
          this.repo.upgradeToTag(watch.crisisId, stored.desk, stored.ticketId);
          changed.push(watch.crisisId);
        }
      }
      return changed;
    });
    if (crisisIds === null) return { status: 'duplicate' };
    return {
      status: 'recorded',
      crisisIds,
      followUp: async () => {
        await Promise.all(crisisIds.map((id) => this.volume.requestCard(id)));
      },
    };
  }

  facts(crisisId: number): HelpdeskFacts {
    return helpdeskFacts(this.repo, crisisId, this.deps.clock.now());
  }

  /** `/crisis tag <tag>`: refuses a tag another open crisis counts by. */
  async setTag(given: Crisis, actorId: string, raw: string): Promise<{ result: WatchChange; warnings: string[] }> {
    const parsed = parseCrisisTag(raw);
    if (!parsed.ok) return { result: { ok: false, problem: parsed.problem }, warnings: [] };
    const crisis = this.openCrisis(given);
    const holder = this.repo.tagHolder(parsed.tag, crisis.id);
    if (holder !== undefined) return { result: { ok: false, problem: { code: 'tag_taken', tag: parsed.tag, crisisId: holder } }, warnings: [] };
    const before = this.repo.watch(crisis.id);
    const changed = before.tag !== parsed.tag;
    if (changed) {
      const at = this.deps.clock.now().toISOString();
      this.deps.store.transaction(() => {
        this.repo.saveTag(crisis.id, parsed.tag, actorId, at);
        this.deps.store.timeline.append(crisis.id, { kind: 'note', occurredAt: at, actorId, text: `Help-desk tag set to ${parsed.tag} (was ${before.tag})`, data: {} }, at);
      });
    }
    if (!changed) return { result: { ok: true, tag: parsed.tag, keywords: before.keywords, changed }, warnings: [] };
    const [card, faq] = await Promise.all([this.card(crisis.id), this.faq?.publish(crisis.id, { summary: `tickets now count when tagged ${parsed.tag}`, by: actorId }) ?? Promise.resolve([])]);
    return { result: { ok: true, tag: parsed.tag, keywords: before.keywords, changed }, warnings: [...card, ...faq] };
  }

  /** `/crisis keywords <word>, <phrase>…` (replaces the list) or `clear`. */
  async setKeywords(given: Crisis, actorId: string, text: string | null): Promise<{ result: WatchChange; warnings: string[] }> {
    let keywords: Keyword[] = [];
    if (text !== null) {
      const parsed = parseKeywordList(text);
      if (!parsed.ok) return { result: { ok: false, problems: parsed.problems }, warnings: [] };
      keywords = parsed.keywords;
    }
    const crisis = this.openCrisis(given);
    const before = this.repo.watch(crisis.id);
    const changed = before.keywords.join('\n') !== keywords.join('\n');
    if (changed) {
      const at = this.deps.clock.now().toISOString();
      this.deps.store.transaction(() => {
        this.repo.saveKeywords(crisis.id, keywords, actorId, at);
        const words = keywords.length > 0 ? keywords.join(', ') : 'none';
        this.deps.store.timeline.append(crisis.id, { kind: 'note', occurredAt: at, actorId, text: `Help-desk keywords set to: ${words}`, data: {} }, at);
      });
    }
    return { result: { ok: true, tag: before.tag, keywords, changed }, warnings: changed ? await this.card(crisis.id) : [] };
  }

  watch(crisisId: number): { tag: string; keywords: readonly string[] } {
    return this.repo.watch(crisisId);
  }

  private openCrisis(given: Crisis): Crisis {
    const crisis = current(this.deps, given);
    if (!isOpen(crisis)) throw new CrisisError('conflict', 'This crisis is resolved, so its help-desk tag and keywords no longer count tickets. `/crisis reopen` if it has flared up again.');
    return crisis;
  }

  private async card(crisisId: number): Promise<string[]> {
    try {
      await refreshCard(this.deps, crisisId);
      return [];
    } catch (err) {
      this.deps.logger.warn('could not repaint the card after a help-desk change', { crisisId, error: err });
      return ['The card could not be repainted just now; it catches up with the next change.'];
    }
  }

  private matcherFor(crisisKeywords: readonly Keyword[]): KeywordMatcher {
    const all = [...new Set([...crisisKeywords, ...this.playbookKeywords])];
    const key = all.join('\n');
    if (this.matcher?.key !== key) this.matcher = { key, matcher: compileKeywords(all) };
    return this.matcher.matcher;
  }
}

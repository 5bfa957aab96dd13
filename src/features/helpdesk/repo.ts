/**
 * Queries on the help-desk tables (migrations/0009_helpdesk.sql): events taken (the de-duplication),
 * what is kept of each ticket, each crisis's tag and keywords, the tickets counted per crisis, the
 * early warning's per-key 5-minute counts and its warnings. Prepared once; rows checked with zod.
 */
import { z } from 'zod';
import { jsonElements } from '../../store/sql/dialect';
import { engineOf, type StoreDb } from '../../store/store-db';
import type { Helpdesk } from './desks';
import { defaultCrisisTag, type CrisisMatch, type Keyword, type WatchKey } from './matching';
import type { KeyWindowCount, WindowRange } from './early-warning';

const StringList = z.array(z.string());
function list(json: string): string[] {
  return StringList.parse(JSON.parse(json));
}

const TicketRow = z.object({ ticket_at: z.string(), counted_keys: z.string(), sentiment: z.number() });
const WatchRow = z.object({ crisis_id: z.number(), tag: z.string().nullable(), keywords: z.string().nullable() });
const CrisisTicketRow = z.object({ match: z.enum(['tag', 'keyword']) });
const ScoredRow = z.object({ counted_at: z.string(), sentiment: z.number() });
const CountsRow = z.object({ match: z.enum(['tag', 'keyword']), total: z.number(), last_hour: z.number() });
const GroupRow = z.object({ desk: z.string(), match: z.enum(['tag', 'keyword']), first_at: z.string() });
const WindowRow = z.object({ key: z.string(), day: z.number(), count: z.number() });
const WarningRow = z.object({ id: z.number(), key: z.string(), warned_at: z.string(), last_hour: z.number(), median: z.number(), type: z.string().nullable(), channel_id: z.string().nullable(), ts: z.string().nullable() });

export interface StoredTicket {
  ticketAt: string;
  countedKeys: WatchKey[];
  sentiment: number;
}

export interface CrisisWatch {
  crisisId: number;
  tag: string;
  keywords: Keyword[];
}

export interface HelpdeskCounts {
  tag: { total: number; lastHour: number };
  keyword: { total: number; lastHour: number };
}

export interface WarningRecord {
  id: number;
  key: WatchKey;
  warnedAt: string;
  lastHour: number;
  median: number;
  type: string | null;
  channelId: string | null;
  ts: string | null;
}

export class HelpdeskRepo {
  private readonly insertEventStmt;
  private readonly getTicketStmt;
  private readonly upsertTicketStmt;
  private readonly countKeyStmt;
  private readonly watchStmt;
  private readonly openWatchesStmt;
  private readonly saveTagStmt;
  private readonly saveKeywordsStmt;
  private readonly tagHolderStmt;
  private readonly getCrisisTicketStmt;
  private readonly insertCrisisTicketStmt;
  private readonly upgradeCrisisTicketStmt;
  private readonly countsStmt;
  private readonly scoredStmt;
  private readonly groupsStmt;
  private readonly periodCountStmt;
  private readonly lastWrittenStmt;
  private readonly saveWrittenStmt;
  private readonly historyStartStmt;
  private readonly lastWarningsStmt;
  private readonly claimWarningStmt;
  private readonly warningPostedStmt;
  private readonly getWarningStmt;
  private readonly hitsOfKeyStmt;
  private readonly scanStmt;

  constructor(db: StoreDb) {
    this.insertEventStmt = db.prepare(`INSERT INTO helpdesk_events (desk, event_id, ticket_id, kind, occurred_at, received_at)
      VALUES (@desk, @eventId, @ticketId, @kind, @occurredAt, @receivedAt) ON CONFLICT (desk, event_id) DO NOTHING`);
    this.getTicketStmt = db.prepare('SELECT ticket_at, counted_keys, sentiment FROM helpdesk_tickets WHERE desk = ? AND ticket_id = ?');
    // The first score stays (its subject and first message); tags and hits are the latest event's.
    this.upsertTicketStmt = db.prepare(`INSERT INTO helpdesk_tickets (desk, ticket_id, ticket_at, first_event_at, last_event_at, tags, keyword_hits, counted_keys, sentiment)
      VALUES (@desk, @ticketId, @ticketAt, @at, @at, @tags, @hits, @countedKeys, @sentiment)
      ON CONFLICT (desk, ticket_id) DO UPDATE SET last_event_at = CASE WHEN excluded.last_event_at > helpdesk_tickets.last_event_at THEN excluded.last_event_at ELSE helpdesk_tickets.last_event_at END, tags = excluded.tags,
        keyword_hits = excluded.keyword_hits, counted_keys = excluded.counted_keys`);
    this.countKeyStmt = db.prepare(`INSERT INTO helpdesk_key_counts (key, bucket_min, count) VALUES (?, ?, 1)
      ON CONFLICT (key, bucket_min) DO UPDATE SET count = helpdesk_key_counts.count + 1`);
    this.watchStmt = db.prepare('SELECT CAST(? AS INTEGER) AS crisis_id, tag, keywords FROM helpdesk_crisis_watch WHERE crisis_id = ?');
    // Every open crisis counts tickets, by its own tag or the default one until someone sets another.
    this.openWatchesStmt = db.prepare(`SELECT c.id AS crisis_id, w.tag, w.keywords FROM crises c
      LEFT JOIN helpdesk_crisis_watch w ON w.crisis_id = c.id WHERE c.status <> 'resolved' ORDER BY c.id`);
    this.saveTagStmt = db.prepare(`INSERT INTO helpdesk_crisis_watch (crisis_id, tag, keywords, changed_by, changed_at) VALUES (@crisisId, @tag, '[]', @by, @at)
      ON CONFLICT (crisis_id) DO UPDATE SET tag = excluded.tag, changed_by = excluded.changed_by, changed_at = excluded.changed_at`);
    this.saveKeywordsStmt = db.prepare(`INSERT INTO helpdesk_crisis_watch (crisis_id, tag, keywords, changed_by, changed_at) VALUES (@crisisId, @tag, @keywords, @by, @at)
      ON CONFLICT (crisis_id) DO UPDATE SET keywords = excluded.keywords, changed_by = excluded.changed_by, changed_at = excluded.changed_at`);
    this.tagHolderStmt = db.prepare(`SELECT c.id FROM crises c LEFT JOIN helpdesk_crisis_watch w ON w.crisis_id = c.id
      WHERE c.status <> 'resolved' AND c.id <> @crisisId AND COALESCE(w.tag, 'crisis-' || c.id) = @tag LIMIT 1`).pluck();
    this.getCrisisTicketStmt = db.prepare('SELECT match FROM helpdesk_crisis_tickets WHERE crisis_id = ? AND desk = ? AND ticket_id = ?');
    this.insertCrisisTicketStmt = db.prepare(`INSERT INTO helpdesk_crisis_tickets (crisis_id, desk, ticket_id, match, counted_at, sentiment)
      VALUES (@crisisId, @desk, @ticketId, @match, @countedAt, @sentiment) ON CONFLICT DO NOTHING`);
    this.upgradeCrisisTicketStmt = db.prepare(`UPDATE helpdesk_crisis_tickets SET match = 'tag' WHERE crisis_id = ? AND desk = ? AND ticket_id = ? AND match = 'keyword'`);
    this.countsStmt = db.prepare(`SELECT match, COUNT(*) AS total, SUM(CASE WHEN counted_at >= @since THEN 1 ELSE 0 END) AS last_hour FROM helpdesk_crisis_tickets
      WHERE crisis_id = @crisisId GROUP BY match`);
    this.scoredStmt = db.prepare(`SELECT counted_at, sentiment FROM helpdesk_crisis_tickets
      WHERE crisis_id = @crisisId AND match = 'tag' AND counted_at >= @from ORDER BY counted_at`);
    this.groupsStmt = db.prepare('SELECT desk, match, MIN(counted_at) AS first_at FROM helpdesk_crisis_tickets WHERE crisis_id = ? GROUP BY desk, match');
    this.periodCountStmt = db.prepare(`SELECT COUNT(*) FROM helpdesk_crisis_tickets
      WHERE crisis_id = @crisisId AND match = @match AND desk = @desk AND counted_at >= @start AND counted_at < @end`).pluck();
    this.lastWrittenStmt = db.prepare('SELECT last_end FROM helpdesk_periods_written WHERE crisis_id = ? AND desk = ? AND match = ?').pluck();
    this.saveWrittenStmt = db.prepare(`INSERT INTO helpdesk_periods_written (crisis_id, desk, match, last_end) VALUES (?, ?, ?, ?)
      ON CONFLICT (crisis_id, desk, match) DO UPDATE SET last_end = CASE WHEN excluded.last_end > helpdesk_periods_written.last_end THEN excluded.last_end ELSE helpdesk_periods_written.last_end END`);
    this.historyStartStmt = db.prepare('SELECT MIN(first_event_at) FROM helpdesk_tickets').pluck();
    this.lastWarningsStmt = db.prepare('SELECT key, MAX(warned_at) AS warned_at FROM helpdesk_early_warnings WHERE warned_at > ? GROUP BY key');
    // One statement: two ticks (or two replicas on SQLite's single writer) claim a key's warning once.
    this.claimWarningStmt = db.prepare(`INSERT INTO helpdesk_early_warnings (key, warned_at, last_hour, median, type)
      SELECT CAST(@key AS TEXT), CAST(@warnedAt AS TEXT), CAST(@lastHour AS INTEGER), CAST(@median AS DOUBLE PRECISION), CAST(@type AS TEXT)
       WHERE NOT EXISTS (SELECT 1 FROM helpdesk_early_warnings WHERE key = @key AND warned_at > @since)`);
    this.warningPostedStmt = db.prepare('UPDATE helpdesk_early_warnings SET channel_id = ?, ts = ? WHERE id = ?');
    this.getWarningStmt = db.prepare('SELECT id, key, warned_at, last_hour, median, type, channel_id, ts FROM helpdesk_early_warnings WHERE id = ?');
    this.hitsOfKeyStmt = db.prepare(`SELECT keyword_hits FROM helpdesk_tickets
      WHERE last_event_at >= @since AND EXISTS (SELECT 1 FROM ${jsonElements(engineOf(db), 'helpdesk_tickets.counted_keys')} WHERE k.value = @key) LIMIT 2000`).pluck();
    // Eight range scans of the covering index glued with UNION ALL (bench/helpdesk-scan.ts: 5.6 ms
    // at 100,000 tickets; one WHERE with eight ORs went through a temporary table, 26 ms).
    const ranges = Array.from({ length: 8 }, (_, day) => `SELECT key, ${day} AS day, SUM(count) AS count FROM helpdesk_key_counts WHERE bucket_min > @from${day} AND bucket_min <= @to${day} GROUP BY key`);
    this.scanStmt = db.prepare(ranges.join('\nUNION ALL\n'));
  }

  /** False when the event was taken before (a retry, a replay, a race lost). */
  takeEvent(e: { desk: Helpdesk; eventId: string; ticketId: string; kind: 'created' | 'updated'; occurredAt: string; receivedAt: string }): boolean {
    return this.insertEventStmt.run(e).changes > 0;
  }

  ticket(desk: Helpdesk, ticketId: string): StoredTicket | undefined {
    const row = this.getTicketStmt.get(desk, ticketId);
    if (row === undefined) return undefined;
    const r = TicketRow.parse(row);
    return { ticketAt: r.ticket_at, countedKeys: list(r.counted_keys) as WatchKey[], sentiment: r.sentiment };
  }

  saveTicket(t: { desk: Helpdesk; ticketId: string; ticketAt: string; at: string; tags: readonly string[]; hits: readonly string[]; countedKeys: readonly string[]; sentiment: number }): void {
    this.upsertTicketStmt.run({ ...t, tags: JSON.stringify(t.tags), hits: JSON.stringify(t.hits), countedKeys: JSON.stringify(t.countedKeys) });
  }

  countKey(key: WatchKey, bucketMin: number): void {
    this.countKeyStmt.run(key, bucketMin);
  }

  watch(crisisId: number): CrisisWatch {
    const row = this.watchStmt.get(crisisId, crisisId);
    return row === undefined ? { crisisId, tag: defaultCrisisTag(crisisId), keywords: [] } : toWatch(row);
  }

  openWatches(): CrisisWatch[] {
    return this.openWatchesStmt.all().map(toWatch);
  }

  saveTag(crisisId: number, tag: string, by: string, at: string): void {
    this.saveTagStmt.run({ crisisId, tag, by, at });
  }

  saveKeywords(crisisId: number, keywords: readonly Keyword[], by: string, at: string): void {
    this.saveKeywordsStmt.run({ crisisId, tag: this.watch(crisisId).tag, keywords: JSON.stringify(keywords), by, at });
  }

  /** Another open crisis counting by this tag, if any. */
  tagHolder(tag: string, crisisId: number): number | undefined {
    const id = this.tagHolderStmt.get({ tag, crisisId });
    return typeof id === 'number' ? id : undefined;
  }

  crisisTicketMatch(crisisId: number, desk: Helpdesk, ticketId: string): CrisisMatch | undefined {
    const row = this.getCrisisTicketStmt.get(crisisId, desk, ticketId);
    return row === undefined ? undefined : CrisisTicketRow.parse(row).match;
  }

  countForCrisis(t: { crisisId: number; desk: Helpdesk; ticketId: string; match: CrisisMatch; countedAt: string; sentiment: number }): void {
    this.insertCrisisTicketStmt.run(t);
  }

  upgradeToTag(crisisId: number, desk: Helpdesk, ticketId: string): void {
    this.upgradeCrisisTicketStmt.run(crisisId, desk, ticketId);
  }

  counts(crisisId: number, since: string): HelpdeskCounts {
    const out: HelpdeskCounts = { tag: { total: 0, lastHour: 0 }, keyword: { total: 0, lastHour: 0 } };
    for (const raw of this.countsStmt.all({ crisisId, since })) {
      const r = CountsRow.parse(raw);
      out[r.match] = { total: r.total, lastHour: r.last_hour };
    }
    return out;
  }

  /** The crisis's tagged tickets since `from`: when each counted, and its score. */
  scored(crisisId: number, from: string): Array<{ at: string; sentiment: number }> {
    return this.scoredStmt.all({ crisisId, from }).map((raw) => {
      const r = ScoredRow.parse(raw);
      return { at: r.counted_at, sentiment: r.sentiment };
    });
  }

  /** Each desk and match the crisis has tickets of, with its first ticket's time. */
  groups(crisisId: number): Array<{ desk: Helpdesk; match: CrisisMatch; firstAt: string }> {
    return this.groupsStmt.all(crisisId).map((raw) => {
      const r = GroupRow.parse(raw);
      return { desk: r.desk as Helpdesk, match: r.match, firstAt: r.first_at };
    });
  }

  periodCount(q: { crisisId: number; desk: Helpdesk; match: CrisisMatch; start: string; end: string }): number {
    return z.number().parse(this.periodCountStmt.get(q));
  }

  lastWritten(crisisId: number, desk: Helpdesk, match: CrisisMatch): string | null {
    const v = this.lastWrittenStmt.get(crisisId, desk, match);
    return typeof v === 'string' ? v : null;
  }

  saveWritten(crisisId: number, desk: Helpdesk, match: CrisisMatch, end: string): void {
    this.saveWrittenStmt.run(crisisId, desk, match, end);
  }

  historyStart(): string | null {
    const v = this.historyStartStmt.get();
    return typeof v === 'string' ? v : null;
  }

  scanWindows(ranges: readonly WindowRange[]): KeyWindowCount[] {
    const params: Record<string, number> = {};
    for (let day = 0; day < 8; day += 1) {
      const range = ranges[day];
      // A rule with fewer days reads empty ranges for the rest.
      params[`from${day}`] = range?.fromMinute ?? 0;
      params[`to${day}`] = range?.toMinute ?? 0;
    }
    return this.scanStmt.all(params).map((raw) => {
      const r = WindowRow.parse(raw);
      return { key: r.key as WatchKey, day: r.day, count: r.count };
    });
  }

  lastWarnings(since: string): Map<WatchKey, string> {
    return new Map(this.lastWarningsStmt.all(since).map((raw) => {
      const r = z.object({ key: z.string(), warned_at: z.string() }).parse(raw);
      return [r.key as WatchKey, r.warned_at] as const;
    }));
  }

  /** The warning's id, or undefined when the key was warned about since `since`. */
  claimWarning(w: { key: WatchKey; warnedAt: string; lastHour: number; median: number; type: string | null; since: string }): number | undefined {
    const info = this.claimWarningStmt.run(w);
    return info.changes > 0 ? Number(info.lastInsertRowid) : undefined;
  }

  warningPosted(id: number, channelId: string, ts: string): void {
    this.warningPostedStmt.run(channelId, ts, id);
  }

  warning(id: number): WarningRecord | undefined {
    const row = this.getWarningStmt.get(id);
    if (row === undefined) return undefined;
    const r = WarningRow.parse(row);
    return { id: r.id, key: r.key as WatchKey, warnedAt: r.warned_at, lastHour: r.last_hour, median: r.median, type: r.type, channelId: r.channel_id, ts: r.ts };
  }

  /** The keyword hits of tickets that counted in `key` lately (our keywords, never their words). */
  hitsOfKey(key: WatchKey, since: string): string[][] {
    return this.hitsOfKeyStmt.all({ key, since }).map((v) => list(z.string().parse(v)));
  }
}

function toWatch(raw: unknown): CrisisWatch {
  const r = WatchRow.parse(raw);
  return { crisisId: r.crisis_id, tag: r.tag ?? defaultCrisisTag(r.crisis_id), keywords: (r.keywords ? list(r.keywords) : []) as Keyword[] };
}

/**
 * Issue 19's early-warning scan at 100,000 tickets of history (target: under 50 ms), over the
 * migrated schema (migrations/0009_helpdesk.sql) and the feature's repository, in a SQLite file as the bot opens it:
 * 100,000 tickets spread over the 7 days and 3 hours before now, each counted in the 5-minute
 * aggregates under its tags and keywords (300 keys, a few common and many rare, as tags are), and
 * a storm on one keyword in the last hour. One scan = the scan query + the pure rule. Part of
 * `npm run bench` (run.ts); alone: `npx ts-node --transpile-only bench/helpdesk-scan.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bucketMinute, scanEarlyWarnings, windowRanges } from '../src/features/helpdesk/early-warning';
import { HelpdeskRepo } from '../src/features/helpdesk/repo';
import { migrate } from '../src/store/migrations';
import type { WatchKey } from '../src/features/helpdesk/matching';
import { openDatabase } from '../src/store/database';
import { median, ms, percentile, printTable } from './stats';

const TICKETS = 100_000;
const KEYS = 300;
const RUNS = 200;
const TARGET_MS = 50;

export interface HelpdeskScanFigures {
  tickets: number;
  keyRows: number;
  p50: number;
  p95: number;
  warnings: number;
}

export function helpdeskScanBench(): HelpdeskScanFigures {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-helpdesk-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  try {
    migrate(db);
    const repo = new HelpdeskRepo(db);
    const now = new Date('2026-12-07T10:32:10Z');
    const spanMinutes = (7 * 24 + 3) * 60;
    const keys = Array.from({ length: KEYS }, (_, i): WatchKey => (i % 3 === 0 ? `kw:keyword ${i}` : `tag:tag-${i}`));
    let seed = 42;
    const random = (): number => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    // A few keys carry most tickets (tags are like that): key index ~ random² × KEYS.
    const pickKey = (): WatchKey => keys[Math.floor(random() * random() * KEYS)] ?? 'tag:tag-1';
    const insertTicket = db.prepare(`INSERT INTO helpdesk_tickets (desk, ticket_id, ticket_at, first_event_at, last_event_at, tags, keyword_hits, counted_keys, sentiment)
      VALUES ('zendesk', @id, @at, @at, @at, '[]', '[]', @keys, @sentiment)`);
    db.transaction(() => {
      for (let i = 0; i < TICKETS; i += 1) {
        const at = now.getTime() - Math.floor(random() * spanMinutes) * 60_000;
        const ticketKeys = [...new Set([pickKey(), pickKey(), ...(random() < 0.5 ? [pickKey()] : [])])];
        for (const key of ticketKeys) repo.countKey(key, bucketMinute(at));
        insertTicket.run({ id: String(i), at: new Date(at).toISOString(), keys: JSON.stringify(ticketKeys), sentiment: Math.round((random() * 10 - 5) * 100) / 100 });
      }
      // The storm: 120 tickets on one rare keyword in the last hour.
      for (let i = 0; i < 120; i += 1) repo.countKey('kw:keyword 297', bucketMinute(now.getTime() - (i % 60) * 60_000));
    })();
    db.exec('ANALYZE');
    const keyRows = (db.prepare('SELECT COUNT(*) AS n FROM helpdesk_key_counts').get() as { n: number }).n;
    const historyStart = new Date(now.getTime() - spanMinutes * 60_000).toISOString();
    const times: number[] = [];
    let warnings = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const start = performance.now();
      const rows = repo.scanWindows(windowRanges(now));
      warnings = scanEarlyWarnings({ now, counts: rows, historyStart, excluded: new Set(), lastWarnedAt: new Map() }).length;
      times.push(performance.now() - start);
    }
    return { tickets: TICKETS, keyRows, p50: median(times), p95: percentile(times, 95), warnings };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const f = helpdeskScanBench();
  printTable(`Early-warning scan over ${f.tickets.toLocaleString('en')} tickets of history (${f.keyRows.toLocaleString('en')} five-minute key counts, ${KEYS} tags and keywords), ${RUNS} scans`, [
    { measure: 'scan p50 (query + rule)', figure: ms(f.p50), target: `< ${TARGET_MS} ms`, met: f.p50 < TARGET_MS },
    { measure: 'scan p95', figure: ms(f.p95), target: `< ${TARGET_MS} ms`, met: f.p95 < TARGET_MS },
    { measure: 'warnings found (the one storm)', figure: String(f.warnings), target: '1', met: f.warnings === 1 },
  ]);
}

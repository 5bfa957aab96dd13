/**
 * Queries on volume_samples and volume_rise_watch (one row per crisis and source). A sample with a webhook `id` already recorded
 * for the crisis is ignored (the unique index decides, so two deliveries racing record one).
 */
import { z } from 'zod';
import type { VolumeSample } from './volume';
import type { StoreDb } from '../../store/store-db';

const Row = z.object({
  id: z.number(),
  crisis_id: z.number(),
  count: z.number(),
  source: z.string(),
  sampled_at: z.string(),
  recorded_at: z.string(),
  recorded_by: z.string().nullable(),
  external_id: z.string().nullable(),
});

function toSample(raw: unknown): VolumeSample {
  const r = Row.parse(raw);
  return {
    id: r.id,
    crisisId: r.crisis_id,
    count: r.count,
    source: r.source,
    sampledAt: r.sampled_at,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    externalId: r.external_id,
  };
}

const CountOnly = z.object({ count: z.number() });
const WatchRow = z.object({ rising: z.number(), last_notice_at: z.string().nullable(), notices: z.number() });

export type NewVolumeSample = Omit<VolumeSample, 'id'>;

/** The most samples of the hour before a sample that its median is taken over. */
export const MAX_WINDOW_SAMPLES = 500;

export interface RiseWatch {
  rising: boolean;
  lastNoticeAt: string | null;
  notices: number;
}

export class VolumeRepo {
  private readonly insertStmt;
  private readonly latestStmt;
  private readonly latestOfSourceStmt;
  private readonly previousStmt;
  private readonly windowStmt;
  private readonly listStmt;
  private readonly getWatchStmt;
  private readonly saveWatchStmt;

  constructor(db: StoreDb) {
    this.insertStmt = db.prepare(`INSERT OR IGNORE INTO volume_samples
      (crisis_id, count, source, sampled_at, recorded_at, recorded_by, external_id)
      VALUES (@crisisId, @count, @source, @sampledAt, @recordedAt, @recordedBy, @externalId)`);
    this.latestStmt = db.prepare('SELECT * FROM volume_samples WHERE crisis_id = ? ORDER BY sampled_at DESC, id DESC LIMIT 1');
    this.latestOfSourceStmt = db.prepare('SELECT * FROM volume_samples WHERE crisis_id = ? AND source = ? ORDER BY sampled_at DESC, id DESC LIMIT 1');
    this.previousStmt = db.prepare(`SELECT * FROM volume_samples
      WHERE crisis_id = @crisisId AND source = @source AND (sampled_at < @at OR (sampled_at = @at AND id < @id))
      ORDER BY sampled_at DESC, id DESC LIMIT 1`);
    // The latest MAX_WINDOW_SAMPLES only: a source that reports every second would otherwise make
    // each new sample read thousands of rows for a median that the latest few hundred give as well.
    this.windowStmt = db.prepare(`SELECT count FROM volume_samples
      WHERE crisis_id = @crisisId AND source = @source AND sampled_at >= @from AND sampled_at <= @to AND id <> @id
      ORDER BY sampled_at DESC, id DESC LIMIT ${MAX_WINDOW_SAMPLES}`);
    this.listStmt = db.prepare('SELECT * FROM volume_samples WHERE crisis_id = ? ORDER BY sampled_at, id');
    this.getWatchStmt = db.prepare('SELECT rising, last_notice_at, notices FROM volume_rise_watch WHERE crisis_id = ? AND source = ?');
    this.saveWatchStmt = db.prepare(`INSERT INTO volume_rise_watch (crisis_id, source, rising, last_notice_at, notices) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (crisis_id, source) DO UPDATE SET rising = excluded.rising, last_notice_at = excluded.last_notice_at, notices = excluded.notices`);
  }

  /** The stored sample, or undefined when its external id was already recorded for this crisis. */
  add(sample: NewVolumeSample): VolumeSample | undefined {
    const info = this.insertStmt.run(sample);
    if (info.changes === 0) return undefined;
    return { ...sample, id: Number(info.lastInsertRowid) };
  }

  /** The sample with the latest time (the last recorded among equal times). */
  latest(crisisId: number): VolumeSample | undefined {
    const row = this.latestStmt.get(crisisId);
    return row === undefined ? undefined : toSample(row);
  }

  latestOfSource(crisisId: number, source: string): VolumeSample | undefined {
    const row = this.latestOfSourceStmt.get(crisisId, source);
    return row === undefined ? undefined : toSample(row);
  }

  /** The same source's sample just before `sample`. */
  previousOfSource(sample: Pick<VolumeSample, 'crisisId' | 'source' | 'sampledAt' | 'id'>): VolumeSample | undefined {
    const row = this.previousStmt.get({ crisisId: sample.crisisId, source: sample.source, at: sample.sampledAt, id: sample.id });
    return row === undefined ? undefined : toSample(row);
  }

  /** Counts of the same source's latest samples from `from` to the sample's own time (at most MAX_WINDOW_SAMPLES), itself left out. */
  countsBefore(sample: Pick<VolumeSample, 'crisisId' | 'source' | 'sampledAt' | 'id'>, from: string): number[] {
    return this.windowStmt
      .all({ crisisId: sample.crisisId, source: sample.source, from, to: sample.sampledAt, id: sample.id })
      .map((row) => CountOnly.parse(row).count);
  }

  /** Every sample, in time order. */
  list(crisisId: number): VolumeSample[] {
    return this.listStmt.all(crisisId).map(toSample);
  }

  riseWatch(crisisId: number, source: string): RiseWatch {
    const row = this.getWatchStmt.get(crisisId, source);
    if (row === undefined) return { rising: false, lastNoticeAt: null, notices: 0 };
    const r = WatchRow.parse(row);
    return { rising: r.rising === 1, lastNoticeAt: r.last_notice_at, notices: r.notices };
  }

  saveRiseWatch(crisisId: number, source: string, watch: RiseWatch): void {
    this.saveWatchStmt.run(crisisId, source, watch.rising ? 1 : 0, watch.lastNoticeAt, watch.notices);
  }
}

/**
 * The help desks' two scheduler ticks.
 *
 * Periods: for each open crisis, desk and kind of match with tickets, each period over (and a
 * minute of grace) after the last one written becomes a volume sample through the customer
 * feature's VolumeService (its rise check, card and debrief chart, the source named). A period's
 * sample is written once whatever ticks or restarts race (the samples' unique external id).
 *
 * Early warning: the scan over per-key 5-minute counts (early-warning.ts); each warning is claimed
 * in the database before it is posted (once per tag or keyword per 6 hours, across restarts and
 * replicas), then posted in the watch channel with a Declare button. Posting may fail with only a
 * warning in the log: the claim stands, so a Slack outage cannot turn into a burst of repeats.
 */
import type { ServiceDeps } from '../../core/deps';
import type { VolumeService } from '../customer';
import { commonKeywords, EARLY_WARNING_RULE, scanEarlyWarnings, windowRanges, type EarlyWarning, type EarlyWarningRule } from './early-warning';
import { crisisKeys, playbookForKey, type PlaybookKeywords, type WatchKey } from './matching';
import { periodsDue, periodSample } from './periods';
import type { HelpdeskRepo } from './repo';

const DAY_MS = 24 * 60 * 60_000;

export class HelpdeskPeriodsTicker {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly repo: HelpdeskRepo,
    private readonly volume: Pick<VolumeService, 'recordHelpdeskSample'>,
    private readonly periodMs: number,
  ) {}

  async tick(): Promise<{ samples: number }> {
    const now = this.deps.clock.now();
    const followUps: Array<() => Promise<void>> = [];
    let samples = 0;
    for (const watch of this.repo.openWatches()) {
      // Samples start no earlier than a day before the declaration, as every volume sample
      // (an old ticket tagged now counts in the totals, not as a sample from last week).
      const earliest = new Date(Date.parse(this.deps.store.crises.get(watch.crisisId).declaredAt) - DAY_MS).toISOString();
      for (const group of this.repo.groups(watch.crisisId)) {
        const firstTicketAt = group.firstAt < earliest ? earliest : group.firstAt;
        const due = periodsDue({ lastWrittenEnd: this.repo.lastWritten(watch.crisisId, group.desk, group.match), firstTicketAt, now, periodMs: this.periodMs });
        for (const period of due) {
          const count = this.repo.periodCount({ crisisId: watch.crisisId, desk: group.desk, match: group.match, start: period.start, end: period.end });
          const sample = periodSample(group.desk, group.match, { ...period, count });
          const outcome = this.deps.store.transaction(() => {
            const written = this.volume.recordHelpdeskSample(watch.crisisId, { ...sample, riseNotice: group.match === 'tag' });
            this.repo.saveWritten(watch.crisisId, group.desk, group.match, period.end);
            return written;
          });
          if (outcome.status === 'recorded') {
            samples += 1;
            followUps.push(outcome.followUp);
          }
        }
      }
    }
    // The card once per crisis is the throttle's business; each rise notice goes out.
    await Promise.all(followUps.map((f) => f().catch((err: unknown) => this.deps.logger.warn('could not follow up a help-desk sample', { error: err }))));
    return { samples };
  }
}

/** What an early warning posts: the rise, the playbook it points at, our keywords most found among those tickets. */
export interface EarlyWarningPost {
  warningId: number;
  warning: EarlyWarning;
  type: string | null;
  typeLabel: string | null;
  commonKeywords: Array<{ keyword: string; tickets: number }>;
}

export interface EarlyWarningPoster {
  postEarlyWarning(channelId: string, post: EarlyWarningPost): Promise<{ channelId: string; ts: string }>;
}

export class EarlyWarningTicker {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly repo: HelpdeskRepo,
    private readonly poster: EarlyWarningPoster | undefined,
    private readonly options: { channelId: string | undefined; rule: EarlyWarningRule; playbooks: readonly PlaybookKeywords[] },
  ) {}

  async tick(): Promise<{ warnings: number }> {
    const { channelId } = this.options;
    if (channelId === undefined || this.poster === undefined) return { warnings: 0 };
    const rule = this.options.rule;
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - rule.cooldownMs).toISOString();
    const excluded = new Set<WatchKey>(this.repo.openWatches().flatMap((w) => crisisKeys(w)));
    const warnings = scanEarlyWarnings({
      now,
      counts: this.repo.scanWindows(windowRanges(now, rule)),
      historyStart: this.repo.historyStart(),
      excluded,
      lastWarnedAt: this.repo.lastWarnings(since),
      rule,
    });
    let posted = 0;
    for (const warning of warnings) {
      const type = playbookForKey(warning.key, this.options.playbooks);
      // In a transaction: on PostgreSQL a SERIALIZABLE one, so two replicas' ticks cannot both see no
      // warning and both insert one (on SQLite the one statement is already alone).
      const claim = { key: warning.key, warnedAt: now.toISOString(), lastHour: warning.lastHour, median: warning.median, type, since };
      const id = this.deps.store.transaction(() => this.repo.claimWarning(claim));
      if (id === undefined) continue;
      const hourAgo = new Date(now.getTime() - rule.windowMinutes * 60_000).toISOString();
      const common = commonKeywords(this.repo.hitsOfKey(warning.key, hourAgo), warning.kind === 'keyword' ? warning.value : null);
      try {
        const where = await this.poster.postEarlyWarning(channelId, { warningId: id, warning, type, typeLabel: type === null ? null : this.deps.playbooks.label(type), commonKeywords: common });
        this.repo.warningPosted(id, where.channelId, where.ts);
        posted += 1;
      } catch (err) {
        this.deps.logger.warn('could not post an early warning', { key: warning.key, warningId: id, error: err });
      }
    }
    return { warnings: posted };
  }
}

export { EARLY_WARNING_RULE };

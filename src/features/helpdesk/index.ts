/**
 * The help-desk feature as the app sees it (issue 19): its service, its two ticks, its HTTP routes
 * and its Slack pieces. Tickets reach the card, its trend, the rise notice and the debrief through
 * the customer feature's VolumeService, as period samples with the desk named.
 */
import type { Clock } from '../../clock';
import type { ServiceDeps } from '../../core/deps';
import type { FeatureModule, SnapshotDeps } from '../../core/feature-module';
import type { VolumeService } from '../customer';
import { EARLY_WARNING_RULE, type EarlyWarningRule } from './early-warning';
import { parseKeyword, type Keyword, type PlaybookKeywords } from './matching';
import { HelpdeskRepo } from './repo';
import { helpdeskFacts, HelpdeskService, type HelpdeskFacts } from './service';
import { helpdeskSlack } from './slack';
import { EarlyWarningTicker, HelpdeskPeriodsTicker, type EarlyWarningPoster } from './tickers';

export { HelpdeskRepo } from './repo';
export { helpdeskFacts, HelpdeskService, type HelpdeskFacts } from './service';
export { countHelpdeskAnswers, helpdeskRoutes } from './route';
export { helpdeskCardBlocks } from './slack/views';
export { SlackEarlyWarningPoster } from './slack/early-warning-slack';
export { helpdeskDebrief, negativeShareChartSeries, renderHelpdeskMarkdown, type HelpdeskDebrief } from './debrief';
export type { EarlyWarningPoster, EarlyWarningPost } from './tickers';

/** What the feature is configured with (src/config.ts's `helpdesk`), and its Slack poster. */
declare module '../../core/store' {
  interface Repositories {
    /** Help desks' tickets, each crisis's tag and keywords, the early warning (0009_helpdesk.sql). */
    helpdesk: HelpdeskRepo;
  }
}

declare module '../../core/services' {
  interface Services {
    /** Help desks' tickets: recording, tag and keywords, period samples, the early warning. */
    helpdesk: HelpdeskFeature;
  }
}

declare module '../../core/deps' {
  interface ServiceDeps {
    /** The help desks' period, early-warning rule, watch channel and poster; defaults without them. */
    helpdesk?: HelpdeskOptions;
  }
}

declare module '../../core/ports' {
  interface CrisisSnapshot {
    /** Help-desk tickets counted for the crisis: its tag and keywords, counts, negative share. */
    helpdesk?: HelpdeskFacts;
  }
}

export interface HelpdeskOptions {
  periodMs: number;
  /** CRISIS_WATCH_CHANNEL, else CRISIS_ANNOUNCE_CHANNEL; unset, no early warning is posted. */
  watchChannel: string | undefined;
  earlyWarningRatio: number;
  earlyWarningMin: number;
  poster?: EarlyWarningPoster;
}

export const DEFAULT_HELPDESK_OPTIONS: HelpdeskOptions = { periodMs: 15 * 60_000, watchChannel: undefined, earlyWarningRatio: 4, earlyWarningMin: 20 };

/** Every playbook's `keywords:`, checked at load; for the warning's type and every subject's matching. */
export function playbookKeywords(deps: Pick<ServiceDeps, 'playbooks'>): PlaybookKeywords[] {
  return deps.playbooks.all().map((p) => ({
    type: p.id,
    keywords: (p.keywords ?? []).flatMap((k) => {
      const parsed = parseKeyword(k);
      return parsed.ok ? [parsed.keyword] : [];
    }),
  }));
}

export class HelpdeskFeature {
  readonly repo: HelpdeskRepo;
  readonly service: HelpdeskService;
  readonly periods: HelpdeskPeriodsTicker;
  readonly earlyWarning: EarlyWarningTicker;
  readonly rule: EarlyWarningRule;

  constructor(deps: ServiceDeps, volume: VolumeService, options: HelpdeskOptions = DEFAULT_HELPDESK_OPTIONS, faq?: ConstructorParameters<typeof HelpdeskService>[4]) {
    this.repo = deps.store.helpdesk;
    const playbooks = playbookKeywords(deps);
    const words: Keyword[] = [...new Set(playbooks.flatMap((p) => p.keywords))];
    this.rule = { ...EARLY_WARNING_RULE, ratio: options.earlyWarningRatio, min: options.earlyWarningMin };
    this.service = new HelpdeskService(deps, this.repo, volume, words, faq);
    this.periods = new HelpdeskPeriodsTicker(deps, this.repo, volume, options.periodMs);
    this.earlyWarning = new EarlyWarningTicker(deps, this.repo, options.poster, { channelId: options.watchChannel, rule: this.rule, playbooks });
  }
}

/**
 * "The last hour" needs the time: snapshots are read with the services' deps, which carry the
 * clock, though their type (SnapshotDeps) does not say so; read without one, the help desk is left off.
 */
function clockOf(deps: SnapshotDeps): Clock | undefined {
  const clock = (deps as SnapshotDeps & Partial<Pick<ServiceDeps, 'clock'>>).clock;
  return clock;
}

export const helpdeskFeature: FeatureModule = {
  id: 'helpdesk',
  migrations: ['0009_helpdesk.sql'],
  repositories: (db) => ({ helpdesk: new HelpdeskRepo(db) }),
  services: { helpdesk: (deps, services) => new HelpdeskFeature(deps, services.customer.volume, deps.helpdesk, services.customer.faq) },
  // After the reminders (10), alerts (20) and declares (30): samples first, then the warning's scan.
  tickers: (s) => [
    { name: 'helpdeskPeriods', order: 40, ticker: s.helpdesk.periods },
    { name: 'earlyWarnings', order: 41, ticker: s.helpdesk.earlyWarning },
  ],
  snapshot: (deps, crisis) => {
    const clock = clockOf(deps);
    return clock ? { helpdesk: helpdeskFacts(deps.store.helpdesk, crisis.id, clock.now()) } : {};
  },
  slack: helpdeskSlack,
};

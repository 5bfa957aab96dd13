/**
 * What a crisis is: severities, statuses, crisis types, the transitions between statuses, and the
 * crisis channel's name. Pure: no I/O, time passed in.
 */
import { createHash } from 'node:crypto';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { CrisisError } from './errors';
import { cleanText, hasVisibleCharacter } from './text';

dayjs.extend(utc);
dayjs.extend(timezone);

export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  sev1: 'Critical',
  sev2: 'High',
  sev3: 'Medium',
  sev4: 'Low',
};

export const SEVERITY_EMOJI: Record<Severity, string> = {
  sev1: ':red_circle:',
  sev2: ':large_orange_circle:',
  sev3: ':large_yellow_circle:',
  sev4: ':white_circle:',
};

export const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type CrisisStatus = (typeof STATUSES)[number];

/** Statuses a person may set directly; `resolved` is reached only through `resolve`. */
export const SETTABLE_STATUSES = ['investigating', 'identified', 'monitoring'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

export const STATUS_LABELS: Record<CrisisStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/**
 * A crisis type is the id of a playbook (`outage`, `recall`, `breach`, … or a team's own), checked
 * against the loaded playbooks (src/domain/playbook.ts), not a fixed list.
 */
export type CrisisType = string;

export const MAX_TITLE_LENGTH = 150;
/** Longest customer impact, on the card and in the declare and update forms. */
export const MAX_IMPACT_LENGTH = 2000;
export const DEFAULT_SEVERITY: Severity = 'sev2';

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

export function isSettableStatus(value: string): value is SettableStatus {
  return (SETTABLE_STATUSES as readonly string[]).includes(value);
}

/** Characters as a person counts them: an emoji is one, not the two UTF-16 units of `length`. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

/** The refusal for a title of zero-width spaces and the like: nothing in it would show. */
export const INVISIBLE_TITLE = 'That title has no visible character (only invisible ones, such as zero-width spaces). Give a title people can read, e.g. `/crisis declare sev1 Checkout payments failing`.';

/** Cleans, trims and checks a title; throws a CrisisError a person can act on. */
export function validateTitle(raw: string): string {
  const title = cleanText(raw).trim().replace(/\s+/g, ' ');
  if (title.length === 0) {
    throw new CrisisError('bad_input', 'A crisis needs a title, e.g. `/crisis declare sev1 Checkout payments failing`.', 'title');
  }
  if (!hasVisibleCharacter(title)) throw new CrisisError('bad_input', INVISIBLE_TITLE, 'title');
  if (characterCount(title) > MAX_TITLE_LENGTH) {
    throw new CrisisError(
      'bad_input',
      `That title is ${characterCount(title)} characters; keep it to ${MAX_TITLE_LENGTH} or fewer.`,
      'title',
    );
  }
  return title;
}

export const MAX_CHANNEL_NAME = 80;

/** What the channel name is made of: drills get `drill-`, and a private crisis never puts its title in the name. */
export interface ChannelNaming {
  drill?: boolean;
  isPrivate?: boolean;
}

/**
 * A private crisis's channel is named `…-private`: a channel's name shows where its title may
 * not (Slack's channel browser for admins, audit logs, a mention of it), so it carries no slug.
 */
const PRIVATE_SLUG = 'private';

/**
 * The slug of a title: Latin letters (accents dropped), digits, single dashes. A title with no
 * Latin letters or digits (e.g. Japanese or Greek) gets a short stable hash instead, so the name is
 * still valid and still distinguishes crises declared the same day.
 */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > 0) return slug;
  return 'c' + createHash('sha256').update(title).digest('hex').slice(0, 8);
}

/**
 * `crisis-YYYYMMDD-<slug>` (`drill-…` for a drill), the date in the configured zone; `attempt` 2,
 * 3, … appends `-2`, `-3` after trimming the slug so the whole name never exceeds 80 characters.
 */
export function crisisChannelName(title: string, declaredAt: Date, timeZone: string, attempt = 1, naming: ChannelNaming = {}): string {
  const date = dayjs(declaredAt).tz(timeZone).format('YYYYMMDD');
  const suffix = attempt > 1 ? `-${attempt}` : '';
  const head = `${naming.drill ? 'drill' : 'crisis'}-${date}-`;
  const room = MAX_CHANNEL_NAME - head.length - suffix.length;
  const slug = (naming.isPrivate ? PRIVATE_SLUG : slugify(title)).slice(0, room).replace(/-+$/g, '');
  return `${head}${slug}${suffix}`;
}

/** Is this a status change a person may make from `from`? */
export function assertStatusChange(from: CrisisStatus, to: SettableStatus): void {
  if (from === 'resolved') {
    throw new CrisisError('conflict', 'This crisis is resolved. Use `/crisis reopen` first if it has flared up again.');
  }
  if (from === to) {
    throw new CrisisError('already_done', `The status is already *${STATUS_LABELS[to]}*.`);
  }
}

export interface Crisis {
  id: number;
  teamId: string;
  channelId: string;
  channelName: string;
  title: string;
  type: CrisisType;
  severity: Severity;
  status: CrisisStatus;
  customerImpact: string;
  declaredBy: string;
  declaredAt: string;
  resolvedAt: string | null;
  resolutionSummary: string | null;
  cardTs: string | null;
  announceChannelId: string | null;
  announceTs: string | null;
  /** Only its channel and its people's DMs may show its title, impact and statements. */
  isPrivate: boolean;
  /** A practice run: marked DRILL everywhere and left out of reports. */
  isDrill: boolean;
}

export function isOpen(crisis: Pick<Crisis, 'status'>): boolean {
  return crisis.status !== 'resolved';
}

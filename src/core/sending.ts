/** How the scheduled sends (update reminders, scheduled alerts) treat Slack: when to give up on a channel, how long a claim lasts. */

/** Slack errors meaning the channel is gone for good: stop sending to it. */
export const CHANNEL_GONE: ReadonlySet<string> = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'missing_scope', 'restricted_action']);

/**
 * How long a claim holds a reminder before another tick may take it over. Longer than one Slack
 * call can last (a 30 s rate-limit budget plus a 15 s timeout), short enough that a crash delays
 * the reminder by only a couple of minutes.
 */
export const REMINDER_LEASE_MINUTES = 2;

/**
 * Times written for customers on the status page and in the help-desk macro: "7 Dec 2026, 11:15 CET"
 * in the configured zone, 24-hour, with the zone's short name so nobody has to guess whose time it is.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
      timeZoneName: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function publicTimeText(iso: string, timeZone: string): string {
  return formatter(timeZone).format(new Date(iso));
}

/** The same instant as an ISO-8601 UTC string (what `<time datetime>` and the feeds carry). */
export function isoTime(iso: string): string {
  return new Date(iso).toISOString();
}

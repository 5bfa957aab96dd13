/**
 * Shared steps for the timeline, resolve and debrief end-to-end tests: declare a crisis through the
 * slash command and wait until it is stored, and read what the bot recorded.
 */
import type { Crisis } from '../../src/core/crisis';
import type { TimelineEvent, TimelineKind } from '../../src/core/timeline';
import type { Harness } from '../helpers/harness';

/** `/crisis declare <sevN> <title>` by `userId`; resolves with the stored crisis. */
export async function declareCrisis(h: Harness, userId: string, title: string, severity = 'sev2', channelId = 'C0GENERAL'): Promise<Crisis> {
  const before = new Set(h.bot.store.crises.listOpen(1000).map((c) => c.id));
  const res = await h.driver.slashCommand({ userId, channelId, text: `declare ${severity} ${title}` });
  expect(res.status).toBe(200);
  const crisis = await h.emu.waitFor(() => h.bot.store.crises.listOpen(1000).find((c) => !before.has(c.id) && c.title === title));
  // The row is written before the pin, the announcement and the DM go out: wait for the whole
  // declare, then for the pin_added the emulator sends back.
  await h.emu.waitFor(() => h.bot.slack.inFlight.size === 0);
  await h.emu.flushEvents();
  return crisis;
}

/** Runs a `/crisis` command in a channel and returns the driver's answer. */
export function crisisCommand(h: Harness, userId: string, channelId: string, text: string) {
  return h.driver.slashCommand({ userId, channelId, text });
}

/**
 * Waits until the bot has finished everything it has under way and the emulator is still
 * (Harness.settled). Events are acknowledged before they are processed, so "nothing happened" can
 * only be asserted after this.
 */
export async function settle(h: Harness): Promise<void> {
  await h.settled();
}

export function events(h: Harness, crisisId: number, kind?: TimelineKind): TimelineEvent[] {
  return h.bot.store.timeline.list(crisisId).filter((e) => kind === undefined || e.kind === kind);
}

/** Waits for a reply through response_url to `userId` whose text contains `text`; returns its JSON. */
export async function replyContaining(h: Harness, userId: string, text: string): Promise<string> {
  return h.emu.waitFor(() =>
    h.emu
      .responses()
      .filter((r) => r.context.userId === userId)
      .map((r) => JSON.stringify(r.body))
      .find((body) => body.includes(text)),
  );
}

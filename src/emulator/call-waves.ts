/**
 * How many Web API calls had to wait for one another, read from the emulator's record. When the
 * emulator answered in rounds (SlackEmulator.answerInRounds), a call's depth is its round's place
 * among the rounds of the calls given: calls made together share a round, whatever the machine's
 * speed. Otherwise a call's depth is 1 plus the deepest call answered before it arrived: with a
 * latency on every call far above the bot's own work between calls (SlackEmulatorOptions.latencyMs),
 * calls that went out together share a depth. Either way the deepest call is the number of round
 * trips the person waited: a count of sequential waits, not a time.
 */
import type { RecordedCall } from './types';

export interface CallDepth {
  method: string;
  depth: number;
  call: RecordedCall;
}

export function callDepths(calls: readonly RecordedCall[]): CallDepth[] {
  const ordered = [...calls].sort((a, b) => a.receivedMs - b.receivedMs);
  if (ordered.length > 0 && ordered.every((c) => c.round !== undefined)) return depthsByRound(ordered);
  const depths: CallDepth[] = [];
  for (const call of ordered) {
    const before = depths.filter((d) => d.call.answeredMs <= call.receivedMs);
    depths.push({ method: call.method, call, depth: 1 + Math.max(0, ...before.map((d) => d.depth)) });
  }
  return depths;
}

function depthsByRound(calls: readonly RecordedCall[]): CallDepth[] {
  const rounds = [...new Set(calls.map((c) => c.round ?? 0))].sort((a, b) => a - b);
  return calls.map((call) => ({ method: call.method, call, depth: rounds.indexOf(call.round ?? 0) + 1 }));
}

/** The calls grouped by depth: `waves[0]` went out first, `waves.length` is the number of round trips. */
export function callWaves(calls: readonly RecordedCall[]): string[][] {
  const waves: string[][] = [];
  for (const { method, depth } of callDepths(calls)) (waves[depth - 1] ??= []).push(method);
  return waves.map((w) => w.sort());
}

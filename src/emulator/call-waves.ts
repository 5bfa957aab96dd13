/**
 * How many Web API calls had to wait for one another, read from the emulator's record: a call's
 * depth is 1 plus the deepest call answered before it arrived. With a latency on every call far
 * above the bot's own work between calls (SlackEmulatorOptions.latencyMs), calls that went out
 * together share a depth, and the deepest call is the number of round trips the person waited.
 * A count of sequential waits, not a time, so it holds on a slow machine.
 */
import type { RecordedCall } from './types';

export interface CallDepth {
  method: string;
  depth: number;
  call: RecordedCall;
}

export function callDepths(calls: readonly RecordedCall[]): CallDepth[] {
  const ordered = [...calls].sort((a, b) => a.receivedMs - b.receivedMs);
  const depths: CallDepth[] = [];
  for (const call of ordered) {
    const before = depths.filter((d) => d.call.answeredMs <= call.receivedMs);
    depths.push({ method: call.method, call, depth: 1 + Math.max(0, ...before.map((d) => d.depth)) });
  }
  return depths;
}

/** The calls grouped by depth: `waves[0]` went out first, `waves.length` is the number of round trips. */
export function callWaves(calls: readonly RecordedCall[]): string[][] {
  const waves: string[][] = [];
  for (const { method, depth } of callDepths(calls)) (waves[depth - 1] ??= []).push(method);
  return waves.map((w) => w.sort());
}

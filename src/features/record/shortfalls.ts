/**
 * "What didn't go well", from the record rather than from anyone's memory: missed updates, broken
 * promises, missed deadlines, a sev1 or sev2 crisis open more than an hour with no customer
 * statement published, and statements that went out without legal (the lead standing in). The
 * debrief names them for its crisis and the report across crises for all of them, in these same
 * words, so one fact never reads two ways. Pure.
 */
import { SEVERITIES, type Severity } from '../../core/crisis';

/** A sev1 or sev2 crisis owes customers a statement within this long of its declaration. */
export const FIRST_STATEMENT_WITHIN_MINUTES = 60;

export interface Shortfalls {
  /** Due times of the update clock that passed with no update (see update-punctuality.ts). */
  missedUpdates: number;
  brokenPromises: number;
  missedDeadlines: number;
  /** Crises that were sev1 or sev2, open more than an hour, with no customer statement published in that hour. */
  noStatement: number;
  /** Published statements approved by the lead standing in for legal. */
  withoutLegal: number;
}

export const NO_SHORTFALLS: Shortfalls = { missedUpdates: 0, brokenPromises: 0, missedDeadlines: 0, noStatement: 0, withoutLegal: 0 };

/** The most severe of `severities` (sev1 before sev2…); `fallback` when there are none. */
export function mostSevere(severities: ReadonlyArray<Severity | null | undefined>, fallback: Severity): Severity {
  let best = fallback;
  for (const s of severities) if (s && SEVERITIES.indexOf(s) < SEVERITIES.indexOf(best)) best = s;
  return best;
}

export interface FirstStatementFacts {
  /** The most severe the crisis ever was. */
  mostSevere: Severity;
  declaredAt: string;
  /** The resolution, or now while it is open. */
  endAt: string;
  firstStatementAt: string | null;
}

/** True when a sev1 or sev2 crisis was open more than an hour with no customer statement published in it. */
export function missedFirstStatement(f: FirstStatementFacts): boolean {
  if (f.mostSevere !== 'sev1' && f.mostSevere !== 'sev2') return false;
  const deadline = Date.parse(f.declaredAt) + FIRST_STATEMENT_WITHIN_MINUTES * 60_000;
  if (!(Date.parse(f.endAt) > deadline)) return false;
  return f.firstStatementAt === null || Date.parse(f.firstStatementAt) > deadline;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** One line per shortfall that happened (none: an empty list), in the same words for one crisis or many. */
export function shortfallLines(s: Shortfalls): string[] {
  const lines: string[] = [];
  if (s.missedUpdates > 0) lines.push(`Missed updates: ${plural(s.missedUpdates, 'due time', 'due times')} of the update clock passed with no update`);
  if (s.brokenPromises > 0) lines.push(`Broken promises: ${plural(s.brokenPromises, 'promised statement', 'promised statements')} did not come by the time promised`);
  if (s.missedDeadlines > 0) lines.push(`Missed deadlines: ${plural(s.missedDeadlines, 'deadline clock', 'deadline clocks')} not met by the time due`);
  if (s.noStatement > 0) {
    lines.push(`No customer statement: ${plural(s.noStatement, 'sev1 or sev2 crisis', 'sev1 or sev2 crises')} open more than an hour with no customer statement published in the first hour`);
  }
  if (s.withoutLegal > 0) lines.push(`Without legal: ${plural(s.withoutLegal, 'statement', 'statements')} went out approved by the lead standing in for legal`);
  return lines;
}

export function addShortfalls(a: Shortfalls, b: Shortfalls): Shortfalls {
  return {
    missedUpdates: a.missedUpdates + b.missedUpdates,
    brokenPromises: a.brokenPromises + b.brokenPromises,
    missedDeadlines: a.missedDeadlines + b.missedDeadlines,
    noStatement: a.noStatement + b.noStatement,
    withoutLegal: a.withoutLegal + b.withoutLegal,
  };
}

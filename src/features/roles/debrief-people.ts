/**
 * The people of a crisis in its debrief: how long each person held roles, and the longest stint
 * anyone held one role without a handover, from the role holdings the debrief already computes.
 * Pure.
 */
import { formatMinutes } from '../../core/cadence';
import { ROLE_LABELS, type Role } from '../../core/roles';

/** One holding, as the debrief's role summaries carry it. */
export interface Stint {
  userId: string;
  role: Role;
  from: string;
  /** Null while it lasts (an interim report) or when held until the resolution. */
  to: string | null;
  minutes: number;
}

export interface PersonTime {
  userId: string;
  /** Sum of every stint (two roles held at once count twice: each is a job). */
  minutes: number;
  byRole: Array<{ role: Role; minutes: number }>;
  stints: number;
}

export interface DebriefPeople {
  /** Longest total first. */
  people: PersonTime[];
  longest: Stint | null;
}

export function debriefPeople(roles: ReadonlyArray<{ role: Role; holdings: ReadonlyArray<{ userId: string; from: string; to: string | null; minutes: number }> }>): DebriefPeople {
  const byPerson = new Map<string, PersonTime>();
  let longest: Stint | null = null;
  for (const summary of roles) {
    for (const h of summary.holdings) {
      const person = byPerson.get(h.userId) ?? { userId: h.userId, minutes: 0, byRole: [], stints: 0 };
      person.minutes += h.minutes;
      person.stints += 1;
      const row = person.byRole.find((r) => r.role === summary.role);
      if (row) row.minutes += h.minutes;
      else person.byRole.push({ role: summary.role, minutes: h.minutes });
      byPerson.set(h.userId, person);
      if (longest === null || h.minutes > longest.minutes) longest = { userId: h.userId, role: summary.role, from: h.from, to: h.to, minutes: h.minutes };
    }
  }
  const people = [...byPerson.values()].sort((a, b) => b.minutes - a.minutes || a.userId.localeCompare(b.userId));
  return { people, longest };
}

/** "Bob: 5 h 10 min (spokesperson 4 h, info gatherer 1 h 10 min)". */
export function personLine(p: PersonTime, who: (userId: string) => string): string {
  const [only] = p.byRole;
  if (p.byRole.length === 1 && only) return `${who(p.userId)}: ${formatMinutes(p.minutes)} as ${ROLE_LABELS[only.role].toLowerCase()}${p.stints > 1 ? ` (${p.stints} stints)` : ''}`;
  const parts = p.byRole.map((r) => `${ROLE_LABELS[r.role].toLowerCase()} ${formatMinutes(r.minutes)}`);
  return `${who(p.userId)}: ${formatMinutes(p.minutes)} (${parts.join(', ')}${p.stints > parts.length ? `; ${p.stints} stints` : ''})`;
}

/** "Bob as spokesperson, 4 h 10 min without a handover (09:16 – 13:26)". */
export function longestStintLine(s: Stint, who: (userId: string) => string, at: (iso: string) => string, openEnd: string): string {
  return `${who(s.userId)} as ${ROLE_LABELS[s.role].toLowerCase()}, ${formatMinutes(s.minutes)} without a handover (${at(s.from)} – ${s.to === null ? openEnd : at(s.to)})`;
}

/** The Markdown section "## Time in role". */
export function peopleMarkdown(people: DebriefPeople, who: (userId: string) => string, at: (iso: string) => string, openEnd: string): string[] {
  const out = ['## Time in role', ''];
  if (people.people.length === 0) return [...out, 'None recorded.', ''];
  for (const p of people.people) out.push(`- ${personLine(p, who)}`);
  if (people.longest) out.push('', `Longest stint: ${longestStintLine(people.longest, who, at, openEnd)}.`);
  out.push('');
  return out;
}

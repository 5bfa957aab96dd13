/**
 * The five crisis roles: their names and aliases in commands, who may hold them, what each is for,
 * and the checklist each holder works through. Pure data and functions.
 */
import { CrisisError } from './errors';

export const ROLES = ['lead', 'spokesperson', 'info', 'legal', 'support'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_ALIASES: Record<string, Role> = {
  lead: 'lead',
  commander: 'lead',
  spokesperson: 'spokesperson',
  comms: 'spokesperson',
  info: 'info',
  'info-gatherer': 'info',
  legal: 'legal',
  compliance: 'legal',
  support: 'support',
  'support-rep': 'support',
};

export const ROLE_LABELS: Record<Role, string> = {
  lead: 'Crisis lead',
  spokesperson: 'Spokesperson',
  info: 'Info gatherer',
  legal: 'Legal',
  support: 'Support rep',
};

/** Roles with one holder; a new holder is a handover. */
export const SINGLE_HOLDER_ROLES: readonly Role[] = ['lead', 'spokesperson', 'legal'];

export function isSingleHolder(role: Role): boolean {
  return SINGLE_HOLDER_ROLES.includes(role);
}

export const ROLE_PURPOSES: Record<Role, string> = {
  lead: 'You run the response: keep everyone working on getting out of the mess, make the calls, and close it out.',
  spokesperson: 'You are the one voice of the company to customers and the public. Nobody else speaks outside.',
  info: 'You keep the facts straight: what happened, since when, who is affected, and what is still unconfirmed.',
  legal: 'You check what may be said and what must be reported, and by when.',
  support: 'You carry what customers feel into the room and turn approved facts into answers for the frontline.',
};

export const ROLE_CHECKLISTS: Record<Role, readonly string[]> = {
  lead: [
    'Confirm the severity is right',
    'Fill every role (spokesperson, info, legal, support)',
    'Keep the team focused on resolution, not blame',
    'Make and record the key decisions',
    'Call `/crisis resolve` and run the debrief',
  ],
  spokesperson: [
    'Agree a holding statement within the first 30 minutes',
    'Be the one voice: no one else speaks externally',
    'Clear every external statement with legal',
    'Say in every update when the next one will come',
    'Promise nothing that cannot be kept',
  ],
  info: [
    'Establish what happened and since when',
    'Find out who and how many are affected',
    'Keep confirmed and unconfirmed facts apart',
    'Post the current facts in the channel as they change',
  ],
  legal: [
    'Check notification duties (regulators, customers) and their deadlines',
    'Review every external statement before it goes out',
    'Make sure records and evidence are preserved',
  ],
  support: [
    'Report customer contact volume and sentiment',
    'Turn approved facts into replies and an FAQ for agents',
    'Flag urgent or vulnerable customer cases',
    'Confirm which remedies agents may offer',
  ],
};

export function roleListForHumans(): string {
  return ROLES.map((role) => {
    const aliases = Object.entries(ROLE_ALIASES)
      .filter(([alias, target]) => target === role && alias !== role)
      .map(([alias]) => `\`${alias}\``);
    return `\`${role}\`${aliases.length ? ` (${aliases.join(', ')})` : ''}`;
  }).join(', ');
}

/**
 * A role name or alias as typed, case-insensitive; undefined when it is none. Own keys only, so
 * `constructor` or `__proto__` (inherited by every object) are not mistaken for roles.
 */
export function roleFromName(raw: string): Role | undefined {
  const key = raw.trim().toLowerCase();
  return Object.hasOwn(ROLE_ALIASES, key) ? ROLE_ALIASES[key] : undefined;
}

/** A role name or alias as typed, case-insensitive. */
export function parseRole(raw: string): Role {
  const role = roleFromName(raw);
  if (!role) {
    throw new CrisisError('bad_input', `\`${raw}\` is not a role. Roles: ${roleListForHumans()}.`);
  }
  return role;
}

/** One holding of a role, from assignment to relief. History is never deleted. */
export interface RoleAssignment {
  id: number;
  crisisId: number;
  role: Role;
  userId: string;
  assignedBy: string;
  assignedAt: string;
  relievedAt: string | null;
  relievedBy: string | null;
}

/** One checklist line of one assignment; done when ticked, with who and when. */
export interface ChecklistItem {
  assignmentId: number;
  index: number;
  text: string;
  doneAt: string | null;
  doneBy: string | null;
}

/** Who held `role` at `at` (ISO time), from the full assignment history. */
export function holdersAt(history: readonly RoleAssignment[], role: Role, at: string): string[] {
  const t = Date.parse(at);
  return history
    .filter((a) => a.role === role && Date.parse(a.assignedAt) <= t && (a.relievedAt === null || Date.parse(a.relievedAt) > t))
    .map((a) => a.userId);
}

/** Current holders of each role (empty arrays for empty roles), in assignment order. */
export function currentHolders(active: readonly RoleAssignment[]): Record<Role, string[]> {
  const out: Record<Role, string[]> = { lead: [], spokesperson: [], info: [], legal: [], support: [] };
  for (const a of active) {
    if (a.relievedAt === null && !out[a.role].includes(a.userId)) out[a.role].push(a.userId);
  }
  return out;
}

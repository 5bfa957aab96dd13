/**
 * Handovers: who is relieved when a role is handed to someone, and the refusals, in words that say
 * what is accepted. A single-holder role (lead, spokesperson, legal) relieves its holder. For the
 * roles several people hold (info, support) the person handing over is relieved when they hold the
 * role; otherwise its only holder is; with several holders and the person handing over not among
 * them, nobody can tell who is meant, so it is refused. Pure.
 */
import { CrisisError } from '../../core/errors';
import { isSingleHolder, ROLE_LABELS, type Role } from '../../core/roles';
import { people, person } from '../../core/words';

/** Longest handover note, measured as typed; it must fit one Slack section with its heading. */
export const MAX_HANDOVER_NOTE = 2000;

export interface HandoverRequest {
  role: Role;
  /** The person taking over. */
  to: string;
  /** Who asked for the handover. */
  actorId: string;
  /** Current holders of the role. */
  holders: readonly string[];
}

/** Who is relieved by the handover; null when nobody holds the role (an assignment with a note). */
export function outgoingHolder(request: HandoverRequest): string | null {
  const { role, to, actorId, holders } = request;
  const label = ROLE_LABELS[role].toLowerCase();
  if (to === actorId) {
    throw new CrisisError(
      'bad_input',
      `You can't hand over to yourself. Name the person taking over, e.g. \`/crisis handover @maria ${role} what they need to know\`. Nothing changed.`,
    );
  }
  if (holders.includes(to)) {
    throw new CrisisError('already_done', `${person(to)} is already ${label}. Hand over to someone who does not hold it yet. Nothing changed.`);
  }
  if (isSingleHolder(role)) return holders[0] ?? null;
  if (holders.includes(actorId)) return actorId;
  if (holders.length <= 1) return holders[0] ?? null;
  throw new CrisisError(
    'bad_input',
    `Several people are ${label} (${people(holders)}): one of them hands over their part, or use \`/crisis assign\` and \`/crisis unassign\`. Nothing changed.`,
  );
}

/** The refusal for a handover to a bot (the crisis bot or any other app). */
export function botRefusal(userId: string): CrisisError {
  return new CrisisError('bad_input', `${person(userId)} is a bot; a role is handed over to a person. Nothing changed.`);
}

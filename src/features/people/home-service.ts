/**
 * What one person's App Home shows: their roles in open crises with those checklists, statement
 * drafts waiting for their approval and promises they owe (from the statements module), their open follow-up actions across crises, and the open crises. Reads only: a few
 * queries, each on an index, whatever the number of crises.
 */
import type { Crisis } from '../../core/crisis';
import type { FollowUpAction } from '../record';
import type { ChecklistItem, StoredAssignment } from '../../core/repos/roles-repo';
import type { ServiceDeps } from '../../core/deps';
import type { DraftAwaitingApproval, PromiseOwed, StatementsView } from '../../core/people-ports';
import type { CrisisSnapshot } from '../../core/ports';

/** Each section shows at most this many; the view says how many more there are. */
export const HOME_SECTION_LIMIT = 10;
/** Open crises listed on the Home. */
export const HOME_OPEN_CRISES_LIMIT = 15;

export interface HomeRole {
  crisis: Crisis;
  assignment: StoredAssignment;
  items: ChecklistItem[];
}

/** An item of a personal section, with its crisis and whether the person may see its title. */
export interface HomeEntry<T> {
  item: T;
  crisis: Crisis | undefined;
  /** False for a private crisis the person is not one of the people of: shown as "private crisis". */
  titleVisible: boolean;
}

export interface HomeData {
  userId: string;
  roles: HomeRole[];
  drafts: Array<HomeEntry<DraftAwaitingApproval>>;
  promises: Array<HomeEntry<PromiseOwed>>;
  actions: Array<HomeEntry<FollowUpAction>>;
  actionsTotal: number;
  open: { snapshots: CrisisSnapshot[]; total: number };
}

export class HomeService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly openCrises: (limit: number) => { snapshots: CrisisSnapshot[]; total: number },
    private readonly statements: StatementsView,
  ) {}

  forUser(userId: string): HomeData {
    const { store } = this.deps;
    const assignments = store.people.rolesInOpenCrises(userId);
    const checklists = store.people.checklistsInOpenCrises(userId);
    const crises = new Map<number, Crisis | undefined>();
    const crisisOf = (id: number): Crisis | undefined => {
      if (!crises.has(id)) crises.set(id, store.crises.find(id));
      return crises.get(id);
    };
    const member = new Map<number, boolean>();
    for (const a of assignments) member.set(a.crisisId, true);
    // A private crisis's title shows to its people: who holds a role in it, or declared it.
    const titleVisible = (crisis: Crisis | undefined): boolean => {
      if (!crisis) return false;
      if (!crisis.isPrivate) return true;
      let known = member.get(crisis.id);
      if (known === undefined) {
        known = crisis.declaredBy === userId || store.roles.active(crisis.id).some((a) => a.userId === userId);
        member.set(crisis.id, known);
      }
      return known;
    };
    const entry = <T extends { crisisId: number }>(item: T): HomeEntry<T> => {
      const crisis = crisisOf(item.crisisId);
      return { item, crisis, titleVisible: titleVisible(crisis) };
    };

    const roles: HomeRole[] = [];
    for (const assignment of assignments) {
      const crisis = crisisOf(assignment.crisisId);
      if (crisis) roles.push({ crisis, assignment, items: checklists.get(assignment.id) ?? [] });
    }
    const { actions, total: actionsTotal } = store.people.openActionsOwnedBy(userId, HOME_SECTION_LIMIT);
    return {
      userId,
      roles,
      drafts: this.statements.draftsAwaitingApproval(userId).map(entry),
      promises: this.statements.promisesOwedBy(userId).map(entry),
      actions: actions.map(entry),
      actionsTotal,
      open: this.openCrises(HOME_OPEN_CRISES_LIMIT),
    };
  }
}

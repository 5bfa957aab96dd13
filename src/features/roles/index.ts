/**
 * Roles: assigning and unassigning, each holder's checklist, handovers and shift breaks. Other
 * features reach it through this file only.
 */
export { debriefPeople, peopleMarkdown } from './debrief-people';
export type { DebriefPeople } from './debrief-people';
export { recordAssignment } from './role-service';
export { checklistSection } from './slack/checklist-dm';
export { timeInRoleSection } from './slack/debrief-people-view';
export { buildHandoverModal, buildShiftBreakDm, buildShiftNotice } from './slack/shift-views';
import type { FeatureModule } from '../../core/feature-module';
import { ChecklistService } from './checklist-service';
import { HandoverService } from './handover-service';
import { HandoversRepo } from './handovers-repo';
import { RoleService } from './role-service';
import { ROLES_TIMELINE } from './roles-timeline';
import { shiftAlertHandler } from './shift-alerts';
import { rolesSlack } from './slack';

export type { ChecklistMessage } from './roles-ports';
export { RoleService } from './role-service';
export { ChecklistService } from './checklist-service';
export { HandoverService } from './handover-service';
export type { HandoverRecord } from './handovers-repo';
export { MAX_HANDOVER_NOTE } from './handover';
export { planShift, endShift, resumeShifts } from './shift-alerts';

declare module '../../core/store' {
  interface Repositories {
    handovers: HandoversRepo;
  }
}

declare module '../../core/services' {
  interface Services {
    roles: RoleService;
    /** Ticking checklist items, and each holder's checklist DM. */
    checklists: ChecklistService;
    /** Handing a role over with a note and the outgoing holder's open items. */
    handover: HandoverService;
  }
}

export const rolesFeature: FeatureModule = {
  id: 'roles',
  migrations: ['0001_init.sql', '0005_people.sql'],
  repositories: (db) => ({ handovers: new HandoversRepo(db) }),
  timeline: ROLES_TIMELINE,
  services: {
    checklists: (deps) => new ChecklistService(deps),
    roles: (deps, s) => new RoleService(deps, s.checklists),
    handover: (deps, s) => new HandoverService(deps, s.roles),
  },
  alerts: (deps) => ({ shift_break: shiftAlertHandler(deps) }),
  slack: rolesSlack,
};

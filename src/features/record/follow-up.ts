/** Follow-up actions and lessons: what a debrief reports beside the timeline. */

export interface FollowUpAction {
  id: number;
  crisisId: number;
  text: string;
  ownerId: string | null;
  createdBy: string;
  createdAt: string;
  doneAt: string | null;
  doneBy: string | null;
}

export interface Lessons {
  id: number;
  crisisId: number;
  wentWell: string;
  wentBadly: string;
  rootCauses: string;
  /** "What should change in our plan": proposed edits to the playbooks, listed in the debrief. */
  planChanges: string;
  submittedBy: string;
  submittedAt: string;
}

/**
 * Every callback_id, action_id and block_id the bot uses, shared by the view builders that put
 * them on screen and the listeners that answer them, so the two can never drift apart.
 */
export const COMMAND = '/crisis';

export const ACTIONS = {
  cardAssignRoles: 'card_assign_roles',
  cardPostUpdate: 'card_post_update',
  reminderPostUpdate: 'reminder_post_update',
  reminderSnooze15: 'reminder_snooze_15',
  reminderSnooze30: 'reminder_snooze_30',
  nudgeAssignRoles: 'nudge_assign_roles',
  checklistToggle: 'checklist_toggle',
  actionToggle: 'action_toggle',
  resolvedAddLessons: 'resolved_add_lessons',
  timelineEdit: 'timeline_edit',
  faqApprove: 'faq_approve',
  statementApprove: 'statement_approve',
  statementChanges: 'statement_changes',
  statementPublish: 'statement_publish',
  statementEdit: 'statement_edit',
  homeDeclare: 'home_declare',
  shiftHandover: 'shift_handover',
  earlyWarningDeclare: 'early_warning_declare',
} as const;

export const VIEWS = {
  declare: 'declare_modal',
  roles: 'roles_modal',
  update: 'update_modal',
  lessons: 'lessons_modal',
  timelineEdit: 'timeline_edit_modal',
  statementPick: 'statement_pick_modal',
  statementCompose: 'statement_compose_modal',
  statementChanges: 'statement_changes_modal',
  statementPublish: 'statement_publish_modal',
  statementEdit: 'statement_edit_modal',
  handover: 'handover_modal',
} as const;

export const SHORTCUTS = {
  addToTimeline: 'add_to_crisis_timeline',
} as const;

/** Input blocks: block_id, and the action_id of the element inside each. */
export const INPUTS = {
  title: { block: 'title', action: 'title_input' },
  type: { block: 'type', action: 'type_select' },
  severity: { block: 'severity', action: 'severity_select' },
  private: { block: 'private', action: 'private_check' },
  impact: { block: 'impact', action: 'impact_input' },
  status: { block: 'status', action: 'status_select' },
  update: { block: 'update', action: 'update_input' },
  statement: { block: 'statement', action: 'statement_input' },
  nextUpdate: { block: 'next_update', action: 'next_update_select' },
  wentWell: { block: 'went_well', action: 'went_well_input' },
  wentBadly: { block: 'went_badly', action: 'went_badly_input' },
  rootCauses: { block: 'root_causes', action: 'root_causes_input' },
  planChanges: { block: 'plan_changes', action: 'plan_changes_input' },
  entryText: { block: 'entry_text', action: 'entry_text_input' },
  entryTime: { block: 'entry_time', action: 'entry_time_input' },
  entryHidden: { block: 'entry_hidden', action: 'entry_hidden_input' },
  statementTemplate: { block: 'statement_template', action: 'statement_template_select' },
  statementNext: { block: 'statement_next', action: 'statement_next_select' },
  statementAudience: { block: 'statement_audience', action: 'statement_audience_select' },
  statementText: { block: 'statement_text', action: 'statement_text_input' },
  statementComment: { block: 'statement_comment', action: 'statement_comment_input' },
  statementWhere: { block: 'statement_where', action: 'statement_where_input' },
  handoverUser: { block: 'handover_user', action: 'handover_user_select' },
  handoverRole: { block: 'handover_role', action: 'handover_role_select' },
  handoverNote: { block: 'handover_note', action: 'handover_note_input' },
} as const;

/** One users picker per role: block `role_<role>`, action `role_<role>_users`. */
export function roleInput(role: string): { block: string; action: string } {
  return { block: `role_${role}`, action: `role_${role}_users` };
}

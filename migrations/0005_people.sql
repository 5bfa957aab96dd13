-- The people in a crisis: handovers that carry what the outgoing holder knew, the personal App
-- Home, and the report across crises. Shift breaks need no table of their own: they are rows of
-- scheduled_alerts (kind shift_break, subject shift:<assignment id>), cancelled at relief and at
-- resolve like any other alert.

-- One row per handover: the note and the outgoing holder's open checklist items at that moment,
-- kept so the new holder's checklist DM can be sent (and re-sent) with them, and for the record.
CREATE TABLE handovers (
  id              INTEGER PRIMARY KEY,
  crisis_id       INTEGER NOT NULL REFERENCES crises (id),
  -- The new holder's assignment; its checklist DM starts with this handover.
  assignment_id   INTEGER NOT NULL UNIQUE REFERENCES role_assignments (id),
  role            TEXT NOT NULL CHECK (role IN ('lead', 'spokesperson', 'info', 'legal', 'support')),
  -- Null when nobody held the role (the handover is then an assignment with a note).
  from_user_id    TEXT,
  to_user_id      TEXT NOT NULL,
  note            TEXT NOT NULL DEFAULT '',
  -- The outgoing holder's checklist items not yet done, as a JSON array of strings.
  open_items_json TEXT NOT NULL DEFAULT '[]',
  handed_over_by  TEXT NOT NULL,
  handed_over_at  TEXT NOT NULL
);
CREATE INDEX handovers_crisis ON handovers (crisis_id);

-- The App Home reads one person's current roles and open follow-up actions across every crisis:
-- without these, each opening of the tab would scan every assignment and action ever made.
CREATE INDEX role_assignments_holder ON role_assignments (user_id) WHERE relieved_at IS NULL;
CREATE INDEX follow_up_actions_open_owner ON follow_up_actions (owner_id) WHERE done_at IS NULL;

-- The report reads a few kinds of timeline rows (updates, statements) of thousands of crises at
-- once; by kind first, each is an index range rather than a walk through every crisis's timeline.
CREATE INDEX timeline_events_kind ON timeline_events (kind, crisis_id);

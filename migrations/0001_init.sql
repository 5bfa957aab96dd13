-- The whole mission's schema. Times are ISO-8601 UTC text in *_at columns.
-- History is never deleted: roles end with relieved_at, timeline rows are corrected by new rows.

CREATE TABLE crises (
  id                  INTEGER PRIMARY KEY,
  team_id             TEXT NOT NULL,
  channel_id          TEXT NOT NULL UNIQUE,
  channel_name        TEXT NOT NULL,
  title               TEXT NOT NULL,
  crisis_type         TEXT NOT NULL,
  severity            TEXT NOT NULL CHECK (severity IN ('sev1', 'sev2', 'sev3', 'sev4')),
  status              TEXT NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved')),
  customer_impact     TEXT NOT NULL DEFAULT '',
  declared_by         TEXT NOT NULL,
  declared_at         TEXT NOT NULL,
  resolved_at         TEXT,
  resolution_summary  TEXT,
  card_ts             TEXT,
  announce_channel_id TEXT,
  announce_ts         TEXT,
  updated_at          TEXT NOT NULL
);
CREATE INDEX crises_open ON crises (status) WHERE status <> 'resolved';

CREATE TABLE role_assignments (
  id           INTEGER PRIMARY KEY,
  crisis_id    INTEGER NOT NULL REFERENCES crises (id),
  role         TEXT NOT NULL CHECK (role IN ('lead', 'spokesperson', 'info', 'legal', 'support')),
  user_id      TEXT NOT NULL,
  assigned_by  TEXT NOT NULL,
  assigned_at  TEXT NOT NULL,
  relieved_at  TEXT,
  relieved_by  TEXT,
  dm_channel_id TEXT,
  dm_ts        TEXT
);
CREATE INDEX role_assignments_crisis ON role_assignments (crisis_id, role);
-- At most one open holding of a role by the same person.
CREATE UNIQUE INDEX role_assignments_open ON role_assignments (crisis_id, role, user_id) WHERE relieved_at IS NULL;

CREATE TABLE checklist_items (
  assignment_id INTEGER NOT NULL REFERENCES role_assignments (id),
  item_index    INTEGER NOT NULL,
  item_text     TEXT NOT NULL,
  done_at       TEXT,
  done_by       TEXT,
  PRIMARY KEY (assignment_id, item_index)
);

CREATE TABLE timeline_events (
  id          INTEGER PRIMARY KEY,
  crisis_id   INTEGER NOT NULL REFERENCES crises (id),
  kind        TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  actor_id    TEXT,
  text        TEXT NOT NULL DEFAULT '',
  data_json   TEXT NOT NULL DEFAULT '{}',
  source_key  TEXT,
  permalink   TEXT,
  hidden      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX timeline_events_crisis ON timeline_events (crisis_id, occurred_at, id);
-- The same Slack message (or other source) is captured once per crisis.
CREATE UNIQUE INDEX timeline_events_source ON timeline_events (crisis_id, source_key) WHERE source_key IS NOT NULL;

CREATE TABLE reminders (
  crisis_id              INTEGER PRIMARY KEY REFERENCES crises (id),
  enabled                INTEGER NOT NULL DEFAULT 1,
  cadence_minutes        INTEGER NOT NULL,
  cadence_source         TEXT NOT NULL CHECK (cadence_source IN ('default', 'manual')),
  last_update_at         TEXT NOT NULL,
  next_due_at            TEXT NOT NULL,
  reminders_since_update INTEGER NOT NULL DEFAULT 0,
  last_reminded_at       TEXT
);
CREATE INDEX reminders_due ON reminders (next_due_at) WHERE enabled = 1;

CREATE TABLE follow_up_actions (
  id            INTEGER PRIMARY KEY,
  crisis_id     INTEGER NOT NULL REFERENCES crises (id),
  text          TEXT NOT NULL,
  owner_id      TEXT,
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  done_at       TEXT,
  done_by       TEXT
);
CREATE INDEX follow_up_actions_crisis ON follow_up_actions (crisis_id);

CREATE TABLE lessons (
  id           INTEGER PRIMARY KEY,
  crisis_id    INTEGER NOT NULL REFERENCES crises (id),
  went_well    TEXT NOT NULL DEFAULT '',
  went_badly   TEXT NOT NULL DEFAULT '',
  root_causes  TEXT NOT NULL DEFAULT '',
  submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL
);
CREATE INDEX lessons_crisis ON lessons (crisis_id);

-- Customer-facing statements; approval and publication columns leave room for the legal step.
CREATE TABLE statements (
  id           INTEGER PRIMARY KEY,
  crisis_id    INTEGER NOT NULL REFERENCES crises (id),
  text         TEXT NOT NULL,
  author_id    TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  approved_by  TEXT,
  approved_at  TEXT,
  published_to TEXT,
  published_at TEXT
);
CREATE INDEX statements_crisis ON statements (crisis_id);

-- Slack request ids (event ids, interaction ids) already handled, so a retry changes nothing.
CREATE TABLE processed_requests (
  request_key  TEXT PRIMARY KEY,
  processed_at TEXT NOT NULL
);
CREATE INDEX processed_requests_age ON processed_requests (processed_at);

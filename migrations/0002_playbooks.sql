-- Playbooks by crisis type, private crises, drills, deadline clocks, and the plan that learns.

-- Crisis types are now playbook ids (playbooks/<id>.yaml), no longer a fixed list: the old ids
-- become the shipped playbooks they turned into. An id no playbook knows any more (a team removed
-- its file) is kept and shown as it is.
UPDATE crises SET crisis_type = CASE crisis_type
    WHEN 'service_outage' THEN 'outage'
    WHEN 'product_defect' THEN 'recall'
    WHEN 'security_breach' THEN 'breach'
    WHEN 'shipping_delay' THEN 'shipping'
    WHEN 'pr_social' THEN 'pr'
    ELSE crisis_type
  END;

-- A private crisis has a private channel; outside it only "private crisis", severity and lead show.
ALTER TABLE crises ADD COLUMN is_private INTEGER NOT NULL DEFAULT 0 CHECK (is_private IN (0, 1));
-- A drill is a practice run: marked DRILL everywhere, left out of reports.
ALTER TABLE crises ADD COLUMN is_drill INTEGER NOT NULL DEFAULT 0 CHECK (is_drill IN (0, 1));
-- Reports count real crises by time: this keeps "the last N days, drills left out" an index range.
CREATE INDEX crises_declared ON crises (declared_at) WHERE is_drill = 0;

-- "What should change in our plan", from the lessons form; listed under its own debrief heading.
ALTER TABLE lessons ADD COLUMN plan_changes TEXT NOT NULL DEFAULT '';

-- Deadline clocks: from the crisis type's playbook at the declaration, or added by hand. A clock
-- is met when done_at is at or before due_at; a restart (`deadline start`, the moment the company
-- became aware) moves started_at and due_at and bumps generation, so the alerts of the earlier
-- start are told apart from the new ones.
CREATE TABLE deadlines (
  id                 INTEGER PRIMARY KEY,
  crisis_id          INTEGER NOT NULL REFERENCES crises (id),
  clock_id           TEXT NOT NULL,
  label              TEXT NOT NULL,
  source             TEXT NOT NULL CHECK (source IN ('playbook', 'manual')),
  due_after_minutes  INTEGER NOT NULL CHECK (due_after_minutes > 0),
  -- Minutes before the due time, longest first, as a JSON array.
  remind_before_json TEXT NOT NULL DEFAULT '[]',
  started_at         TEXT NOT NULL,
  due_at             TEXT NOT NULL,
  generation         INTEGER NOT NULL DEFAULT 1,
  done_at            TEXT,
  done_by            TEXT,
  created_by         TEXT NOT NULL,
  created_at         TEXT NOT NULL
);
-- `deadline done <id>` names a clock within its crisis.
CREATE UNIQUE INDEX deadlines_clock ON deadlines (crisis_id, clock_id);

-- Scheduled alerts: one message the tick must send once at due_at (a deadline reminder, a missed
-- deadline; later a promise reminder or a shift break). The same guarantees as update reminders:
-- due times in SQLite survive restarts; a tick claims an alert with a short lease (compare-and-set
-- on lease_until), and it becomes `sent`, with its timeline row in the same transaction, only once
-- Slack took it. Alerts of one crisis and subject that fall due together (after a downtime) are
-- sent once: the latest, the earlier ones become `skipped`. Resolving cancels the pending ones.
CREATE TABLE scheduled_alerts (
  id          INTEGER PRIMARY KEY,
  crisis_id   INTEGER NOT NULL REFERENCES crises (id),
  -- Which handler sends it, e.g. deadline_reminder, deadline_missed.
  kind        TEXT NOT NULL,
  -- What it is about, e.g. deadline:authority; the catch-up collapses alerts of one subject.
  subject     TEXT NOT NULL,
  -- Unique within the crisis, so scheduling the same alert twice stores it once.
  alert_key   TEXT NOT NULL,
  due_at      TEXT NOT NULL,
  lease_until TEXT,
  state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'cancelled', 'skipped')),
  -- What the handler needs (a clock id, a statement number), as a JSON object.
  data_json   TEXT NOT NULL DEFAULT '{}',
  created_at  TEXT NOT NULL,
  settled_at  TEXT
);
CREATE UNIQUE INDEX scheduled_alerts_key ON scheduled_alerts (crisis_id, alert_key);
-- The tick reads only what is pending and due: a range of this index, however many are sent.
CREATE INDEX scheduled_alerts_due ON scheduled_alerts (due_at) WHERE state = 'pending';
CREATE INDEX scheduled_alerts_subject ON scheduled_alerts (crisis_id, subject);

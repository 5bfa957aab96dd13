-- An honest record: correcting or hiding a timeline entry never destroys what it said. Every version
-- of a corrected entry is a row here, from the entry as first recorded (version 1) on, with who
-- wrote it and when; hiding or showing again is a version too. timeline_events keeps each entry's
-- latest version, so the timeline view, its counts and the reports still read one row per entry.
CREATE TABLE timeline_entry_versions (
  -- The crisis, so a debrief reads its corrections in one index range.
  crisis_id   INTEGER NOT NULL REFERENCES crises (id),
  entry_id    INTEGER NOT NULL REFERENCES timeline_events (id),
  version     INTEGER NOT NULL CHECK (version >= 1),
  text        TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  hidden      INTEGER NOT NULL CHECK (hidden IN (0, 1)),
  -- Version 1: the entry's own actor (null for what the bot itself recorded) and its recorded_at;
  -- later versions: the person who corrected it, and when.
  author_id   TEXT,
  written_at  TEXT NOT NULL,
  PRIMARY KEY (entry_id, version)
);
CREATE INDEX timeline_entry_versions_crisis ON timeline_entry_versions (crisis_id, entry_id, version);

-- Versions are never changed or deleted.
CREATE TRIGGER timeline_entry_versions_kept_update BEFORE UPDATE ON timeline_entry_versions
BEGIN
  SELECT RAISE(ABORT, 'timeline entry versions are never changed; add a version');
END;
CREATE TRIGGER timeline_entry_versions_kept_delete BEFORE DELETE ON timeline_entry_versions
BEGIN
  SELECT RAISE(ABORT, 'timeline entry versions are never deleted');
END;

-- An entry's text, time or visibility changes only to a version already written here after its
-- original: an update that skips the versions (a bug, a hand-written UPDATE) is refused.
CREATE TRIGGER timeline_events_versioned BEFORE UPDATE OF text, occurred_at, hidden ON timeline_events
WHEN NOT EXISTS (SELECT 1 FROM timeline_entry_versions WHERE entry_id = NEW.id AND version = 1)
  OR NOT EXISTS (
    SELECT 1 FROM timeline_entry_versions v
    WHERE v.entry_id = NEW.id
      AND v.version = (SELECT MAX(version) FROM timeline_entry_versions WHERE entry_id = NEW.id)
      AND v.text = NEW.text AND v.occurred_at = NEW.occurred_at AND v.hidden = NEW.hidden
  )
BEGIN
  SELECT RAISE(ABORT, 'a timeline entry changes only by a new version in timeline_entry_versions');
END;

-- Entries corrected before this table existed: their correction rows (kind entry_corrected) hold
-- each change's before and after, so the original is the first one's before, then each after in turn.
WITH corrections AS (
  -- A row that is not JSON reads as NULL here (json_* of NULL is NULL), never as an error.
  SELECT c.id, c.crisis_id, c.actor_id, c.recorded_at, CASE WHEN json_valid(c.data_json) THEN c.data_json END AS data
  FROM timeline_events c
  WHERE c.kind = 'entry_corrected'
),
usable AS (
  SELECT id, crisis_id, actor_id, recorded_at, data, json_extract(data, '$.entry_id') AS entry_id
  FROM corrections
  WHERE json_type(data, '$.before.text') = 'text' AND json_type(data, '$.before.occurred_at') = 'text'
    AND json_type(data, '$.after.text') = 'text' AND json_type(data, '$.after.occurred_at') = 'text'
),
numbered AS (
  SELECT u.*, ROW_NUMBER() OVER (PARTITION BY u.entry_id ORDER BY u.id) AS n
  FROM usable u JOIN timeline_events e ON e.id = u.entry_id AND e.crisis_id = u.crisis_id
)
INSERT INTO timeline_entry_versions (crisis_id, entry_id, version, text, occurred_at, hidden, author_id, written_at)
SELECT crisis_id, entry_id, 1, json_extract(data, '$.before.text'), json_extract(data, '$.before.occurred_at'),
  CASE WHEN json_extract(data, '$.before.hidden') THEN 1 ELSE 0 END,
  (SELECT actor_id FROM timeline_events WHERE id = numbered.entry_id), (SELECT recorded_at FROM timeline_events WHERE id = numbered.entry_id)
FROM numbered WHERE n = 1
UNION ALL
SELECT crisis_id, entry_id, n + 1, json_extract(data, '$.after.text'), json_extract(data, '$.after.occurred_at'),
  CASE WHEN json_extract(data, '$.after.hidden') THEN 1 ELSE 0 END, actor_id, recorded_at
FROM numbered;

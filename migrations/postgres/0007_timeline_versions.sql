-- PostgreSQL: migrations/0007_timeline_versions.sql translated (src/store/sql/README.md): ids BIGINT identity, times
-- ISO-8601 text and truth values 0/1 as on SQLite, so the same queries run on both engines.

-- An honest record: correcting or hiding a timeline entry never destroys what it said. Every version
-- of a corrected entry is a row here, from the entry as first recorded (version 1) on, with who
-- wrote it and when; hiding or showing again is a version too. timeline_events keeps each entry's
-- latest version, so the timeline view, its counts and the reports still read one row per entry.
CREATE TABLE timeline_entry_versions (
  -- The crisis, so a debrief reads its corrections in one index range.
  crisis_id   BIGINT NOT NULL REFERENCES crises (id),
  entry_id    BIGINT NOT NULL REFERENCES timeline_events (id),
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

-- Versions are never changed or deleted. (SQLite's triggers, in PL/pgSQL: a trigger runs a function.)
CREATE FUNCTION timeline_entry_versions_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'timeline entry versions are never changed; add a version';
  END IF;
  RAISE EXCEPTION 'timeline entry versions are never deleted';
END;
$$;
CREATE TRIGGER timeline_entry_versions_kept_update BEFORE UPDATE ON timeline_entry_versions
  FOR EACH ROW EXECUTE FUNCTION timeline_entry_versions_kept();
CREATE TRIGGER timeline_entry_versions_kept_delete BEFORE DELETE ON timeline_entry_versions
  FOR EACH ROW EXECUTE FUNCTION timeline_entry_versions_kept();

-- An entry's text, time or visibility changes only to a version already written here after its
-- original: an update that skips the versions (a bug, a hand-written UPDATE) is refused. The check
-- is in the function's body: PostgreSQL allows no subquery in a trigger's WHEN. Like SQLite's
-- UPDATE OF, it runs whenever one of the three columns is in the UPDATE's SET list.
CREATE FUNCTION timeline_events_versioned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timeline_entry_versions WHERE entry_id = NEW.id AND version = 1)
    OR NOT EXISTS (
      SELECT 1 FROM timeline_entry_versions v
      WHERE v.entry_id = NEW.id
        AND v.version = (SELECT MAX(version) FROM timeline_entry_versions WHERE entry_id = NEW.id)
        AND v.text = NEW.text AND v.occurred_at = NEW.occurred_at AND v.hidden = NEW.hidden
    )
  THEN
    RAISE EXCEPTION 'a timeline entry changes only by a new version in timeline_entry_versions';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER timeline_events_versioned BEFORE UPDATE OF text, occurred_at, hidden ON timeline_events
  FOR EACH ROW EXECUTE FUNCTION timeline_events_versioned();

-- Text that is not JSON reads as NULL (SQLite's json_valid), never as an error.
CREATE FUNCTION crisis_try_jsonb(value TEXT) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN CAST(value AS jsonb);
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;

-- Entries corrected before this table existed: their correction rows (kind entry_corrected) hold
-- each change's before and after, so the original is the first one's before, then each after in turn.
-- (On PostgreSQL this finds rows only in a database someone filled by hand before this migration:
-- `npm run migrate-db` copies the versions SQLite already made.)
WITH corrections AS (
  SELECT c.id, c.crisis_id, c.actor_id, c.recorded_at, crisis_try_jsonb(c.data_json) AS data
  FROM timeline_events c
  WHERE c.kind = 'entry_corrected'
),
usable AS (
  SELECT id, crisis_id, actor_id, recorded_at, data,
    CASE WHEN jsonb_typeof(data -> 'entry_id') = 'number' THEN CAST(data ->> 'entry_id' AS NUMERIC) END AS entry_id
  FROM corrections
  WHERE jsonb_typeof(data #> '{before,text}') = 'string' AND jsonb_typeof(data #> '{before,occurred_at}') = 'string'
    AND jsonb_typeof(data #> '{after,text}') = 'string' AND jsonb_typeof(data #> '{after,occurred_at}') = 'string'
),
numbered AS (
  SELECT u.*, ROW_NUMBER() OVER (PARTITION BY u.entry_id ORDER BY u.id) AS n
  FROM usable u JOIN timeline_events e ON e.id = u.entry_id AND e.crisis_id = u.crisis_id
)
INSERT INTO timeline_entry_versions (crisis_id, entry_id, version, text, occurred_at, hidden, author_id, written_at)
SELECT crisis_id, entry_id, 1, data #>> '{before,text}', data #>> '{before,occurred_at}',
  CASE WHEN (data #>> '{before,hidden}') IN ('true', '1') THEN 1 ELSE 0 END,
  (SELECT actor_id FROM timeline_events WHERE id = numbered.entry_id), (SELECT recorded_at FROM timeline_events WHERE id = numbered.entry_id)
FROM numbered WHERE n = 1
UNION ALL
SELECT crisis_id, entry_id, n + 1, data #>> '{after,text}', data #>> '{after,occurred_at}',
  CASE WHEN (data #>> '{after,hidden}') IN ('true', '1') THEN 1 ELSE 0 END, actor_id, recorded_at
FROM numbered;

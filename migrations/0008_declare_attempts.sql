-- A declare's progress, step by step, so that one cut short (the process killed, or a Slack
-- failure it could not clean up after) is finished or undone: at start-up, and by the sweep on the
-- scheduler tick (src/services/declare-repair.ts). A declare makes its channel and card before the
-- crisis row exists (the row carries the card's ts), so without this a crash left a channel nobody
-- knew about, or a crisis never announced, pinned or confirmed to the person who declared it.
-- Rows are never deleted: they are the record of what each declare did.
CREATE TABLE declare_attempts (
  id               INTEGER PRIMARY KEY,
  team_id          TEXT NOT NULL,
  declared_by      TEXT NOT NULL,
  -- For the DM that tells the declarer what became of it (only ever sent to them, so a private
  -- crisis's title goes nowhere else).
  title            TEXT NOT NULL,
  is_private       INTEGER NOT NULL DEFAULT 0,
  is_drill         INTEGER NOT NULL DEFAULT 0,
  -- The declare modal's other first holders, {"role": ["U…"]}: a repair assigns those still missing.
  first_roles_json TEXT NOT NULL DEFAULT '{}',
  -- started: the channel is being created (channel_name is the name being tried);
  -- channel_created: channel_id is known, no crisis stored (archived if it stays so);
  -- stored: crisis_id is known, written in the crisis's own transaction; the pin, announcement and
  --   DMs after it may be missing (finished by a repair);
  -- finished, abandoned: nothing left to do.
  state            TEXT NOT NULL CHECK (state IN ('started', 'channel_created', 'stored', 'finished', 'abandoned')),
  channel_name     TEXT,
  channel_id       TEXT,
  crisis_id        INTEGER REFERENCES crises (id),
  -- 1 once the declarer knows how it ended (the declare's own reply said so), so a repair that
  -- only tidies up (archives a channel the reply said it could not) does not tell them twice.
  declarer_told    INTEGER NOT NULL DEFAULT 0,
  -- Repairs tried and failed (Slack down); after a few the repair gives up and says so.
  repair_tries     INTEGER NOT NULL DEFAULT 0,
  started_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
-- The sweep reads only what is unfinished, however many declares there have been.
CREATE INDEX declare_attempts_unfinished ON declare_attempts (id) WHERE state IN ('started', 'channel_created', 'stored');

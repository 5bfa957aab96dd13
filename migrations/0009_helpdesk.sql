-- Help desks (issue 19): ticket events from Zendesk, Intercom, Freshdesk and Gorgias, counted per
-- crisis (src/features/helpdesk). Times are ISO-8601 UTC text in *_at columns, as everywhere,
-- except the early warning's bucket key, an integer for cheap range scans.
-- Nothing here holds a customer's words or identity: a ticket is its desk, id, times, tags, its
-- sentiment score and which of *our* keywords its subject held (see ticket-event.ts).

-- One row per ticket per desk: what is kept of it. Tags are updated as events bring them (a ticket
-- tagged later joins a crisis then); the score is the first one (its subject and first message).
CREATE TABLE helpdesk_tickets (
  desk            TEXT NOT NULL CHECK (desk IN ('zendesk', 'intercom', 'freshdesk', 'gorgias')),
  ticket_id       TEXT NOT NULL,
  -- When it counts in time: its creation when the desk said, else when it was first heard of.
  ticket_at       TEXT NOT NULL,
  first_event_at  TEXT NOT NULL,
  last_event_at   TEXT NOT NULL,
  -- JSON array of normalised tags (lower case).
  tags            TEXT NOT NULL DEFAULT '[]',
  -- JSON array of the configured keywords (crises' and playbooks') found in its subject.
  keyword_hits    TEXT NOT NULL DEFAULT '[]',
  -- JSON array of the early-warning keys it already counted in (`tag:…`, `kw:…`): a ticket counts
  -- once per key, when it first carries it.
  counted_keys    TEXT NOT NULL DEFAULT '[]',
  sentiment       REAL NOT NULL CHECK (sentiment BETWEEN -5 AND 5),
  PRIMARY KEY (desk, ticket_id)
) WITHOUT ROWID;
-- The early warning's "bot has heard tickets since" (MIN(first_event_at)) and any re-count by time.
CREATE INDEX helpdesk_tickets_first_event ON helpdesk_tickets (first_event_at);

-- Every event taken: the same event twice (a retry, a replay) records once. The insert that wins
-- decides, so two deliveries racing record one: INSERT … ON CONFLICT DO NOTHING, then the rest of
-- the event's writes only when a row was inserted, in the same transaction.
CREATE TABLE helpdesk_events (
  desk         TEXT NOT NULL,
  event_id     TEXT NOT NULL,
  ticket_id    TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('created', 'updated')),
  occurred_at  TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  PRIMARY KEY (desk, event_id)
) WITHOUT ROWID;

-- What each crisis counts by: its tag (default `crisis-<id>`, or `/crisis tag`) and its keywords
-- (`/crisis keywords`). A row exists from the declaration, so the card can show the tag at once.
CREATE TABLE helpdesk_crisis_watch (
  crisis_id   INTEGER PRIMARY KEY REFERENCES crises (id),
  tag         TEXT NOT NULL,
  -- JSON array of keywords.
  keywords    TEXT NOT NULL DEFAULT '[]',
  changed_by  TEXT,
  changed_at  TEXT NOT NULL
);
CREATE INDEX helpdesk_crisis_watch_tag ON helpdesk_crisis_watch (tag);

-- A ticket counted for a crisis, once: by its tag, or by a keyword ("probably related", shown
-- apart). A keyword match later tagged moves to 'tag' (UPDATE … SET match = 'tag'); never back.
CREATE TABLE helpdesk_crisis_tickets (
  crisis_id   INTEGER NOT NULL REFERENCES crises (id),
  desk        TEXT NOT NULL,
  ticket_id   TEXT NOT NULL,
  match       TEXT NOT NULL CHECK (match IN ('tag', 'keyword')),
  -- When it joined the crisis: its ticket time, or the event that tagged it if that came later.
  counted_at  TEXT NOT NULL,
  -- Copied from helpdesk_tickets so the card's negative share reads this table alone.
  sentiment   REAL NOT NULL,
  PRIMARY KEY (crisis_id, desk, ticket_id)
) WITHOUT ROWID;
-- The card (last hour, negative share), the period samples and the debrief chart read by time.
CREATE INDEX helpdesk_crisis_tickets_time ON helpdesk_crisis_tickets (crisis_id, match, desk, counted_at);

-- The early warning's counts: tickets per key per 5-minute bucket, incremented as tickets come
-- (one ticket once per key). The scan reads these aggregates, never the tickets: at most
-- 12 buckets × 8 windows per key.
CREATE TABLE helpdesk_key_counts (
  key         TEXT NOT NULL,
  -- Minutes since the Unix epoch, a multiple of 5: the bucket's start.
  bucket_min  INTEGER NOT NULL,
  count       INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (key, bucket_min)
) WITHOUT ROWID;
-- The scan's eight time ranges.
CREATE INDEX helpdesk_key_counts_bucket ON helpdesk_key_counts (bucket_min, key, count);

-- Early warnings posted: once per key per 6 hours, whatever restarts or replicas. A warning is
-- claimed by inserting its row (below) before anything is posted; the post fills channel/ts.
CREATE TABLE helpdesk_early_warnings (
  id           INTEGER PRIMARY KEY,
  key          TEXT NOT NULL,
  warned_at    TEXT NOT NULL,
  last_hour    INTEGER NOT NULL,
  median       REAL NOT NULL,
  -- The playbook type the Declare button prefills (null: the default type).
  type         TEXT,
  channel_id   TEXT,
  ts           TEXT,
  -- The crisis declared from its button, if any.
  crisis_id    INTEGER REFERENCES crises (id)
);
CREATE INDEX helpdesk_early_warnings_key ON helpdesk_early_warnings (key, warned_at);

-- Which period samples were written for a crisis, desk and match: the tick writes the periods after
-- the last one (the samples' own unique external id makes each write once however ticks race).
CREATE TABLE helpdesk_periods_written (
  crisis_id   INTEGER NOT NULL REFERENCES crises (id),
  desk        TEXT NOT NULL,
  match       TEXT NOT NULL CHECK (match IN ('tag', 'keyword')),
  last_end    TEXT NOT NULL,
  PRIMARY KEY (crisis_id, desk, match)
) WITHOUT ROWID;

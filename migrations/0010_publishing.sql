-- Publishing (issue 20): public names, the built-in status page, the delivery outbox, and the one
-- Statuspage incident and Zendesk macro per crisis. Times are ISO-8601 UTC text.

-- What customers call a crisis. Versions, never edited: the current name is the newest row. The
-- playbook's public_name stands until `/crisis public-name <text>` adds one.
CREATE TABLE crisis_public_names (
  id          INTEGER PRIMARY KEY,
  crisis_id   INTEGER NOT NULL REFERENCES crises (id),
  public_name TEXT NOT NULL CHECK (length(trim(public_name)) > 0),
  -- NULL: taken from the playbook.
  set_by      TEXT,
  set_at      TEXT NOT NULL
);
CREATE INDEX crisis_public_names_crisis ON crisis_public_names (crisis_id, id);

-- What the built-in status page shows: a statement published to `status-page`, its exact text as
-- published (copied, so the page never changes under a customer's eyes). A private crisis reaches
-- the page only through these rows; drills never get one (refused at publish, filtered at read).
CREATE TABLE status_page_entries (
  statement_id INTEGER PRIMARY KEY REFERENCES statements (id),
  crisis_id    INTEGER NOT NULL REFERENCES crises (id),
  body         TEXT NOT NULL,
  published_at TEXT NOT NULL
);
-- The page's query: every entry of crises open or resolved within 30 days, newest first.
CREATE INDEX status_page_entries_crisis ON status_page_entries (crisis_id, published_at);

-- The outbox: one row per thing to deliver to one outside target, written in the transaction that
-- caused it (a publish, a resolve, an FAQ approval), sent by the ticker, never deleted.
CREATE TABLE publish_deliveries (
  id              INTEGER PRIMARY KEY,
  crisis_id       INTEGER NOT NULL REFERENCES crises (id),
  -- The statement it carries; NULL for a resolution or an FAQ refresh.
  statement_id    INTEGER REFERENCES statements (id),
  -- What is delivered, unique in the database: statement:<id>, resolve:<crisis id>, faq:<faq id>.
  subject         TEXT NOT NULL,
  -- status-page, statuspage, zendesk, or webhook:<configured name>.
  target          TEXT NOT NULL,
  -- Same on every attempt (outbox-rules.ts idempotencyKey(subject, target)); sent as Idempotency-Key.
  idempotency_key TEXT NOT NULL UNIQUE,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'retrying', 'delivered', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  -- Claims taken, attempts or not: > 0 before a claim means an earlier sender may have sent
  -- something (it may have died mid-request), so the client looks before it writes.
  claims          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  -- The claim: a sender holds the row until then (outbox-rules.ts LEASE_MS).
  lease_until     TEXT,
  last_error      TEXT,
  last_status     INTEGER,
  -- What the target calls it (Statuspage incident id, Zendesk macro id).
  ref             TEXT,
  created_at      TEXT NOT NULL,
  settled_at      TEXT,
  -- A delivery that gave up is told in the channel and to the spokesperson once: set when told
  -- (the lease above guards the telling as it guards a send).
  failure_told_at TEXT,
  UNIQUE (subject, target)
);
-- The ticker reads only what is unsettled and due: a range of this index however many are done.
CREATE INDEX publish_deliveries_due ON publish_deliveries (next_attempt_at) WHERE state IN ('pending', 'retrying');
-- The statement's message and `/crisis deliveries` list a crisis's deliveries.
CREATE INDEX publish_deliveries_crisis ON publish_deliveries (crisis_id, statement_id);
-- Give-ups not yet told.
CREATE INDEX publish_deliveries_untold ON publish_deliveries (id) WHERE state = 'failed' AND failure_told_at IS NULL;

-- The Statuspage incident made for a crisis (one per crisis), and when it was resolved there.
CREATE TABLE statuspage_incidents (
  crisis_id   INTEGER PRIMARY KEY REFERENCES crises (id),
  incident_id TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  resolved_at TEXT
);

-- The Zendesk macro shared by a crisis's support reps (one per crisis), and when it was deactivated.
CREATE TABLE zendesk_macros (
  crisis_id      INTEGER PRIMARY KEY REFERENCES crises (id),
  macro_id       TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  deactivated_at TEXT
);

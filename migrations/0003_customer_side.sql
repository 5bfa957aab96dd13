-- The customer side of a crisis: impact history, complaint volume, remedies and the FAQ for support
-- reps. Times are ISO-8601 UTC text in *_at columns. Nothing here is ever deleted.

-- Every version of the customer impact, oldest first. crises.customer_impact holds the current one
-- (what the card, the templates and the debrief summary read); this table is its history. The
-- impact given at declaration is copied in as the first version when it is first changed.
CREATE TABLE impact_versions (
  id          INTEGER PRIMARY KEY,
  crisis_id   INTEGER NOT NULL REFERENCES crises (id),
  impact      TEXT NOT NULL,
  changed_by  TEXT NOT NULL,
  changed_at  TEXT NOT NULL,
  via         TEXT NOT NULL CHECK (via IN ('declared', 'command', 'modal'))
);
CREATE INDEX impact_versions_crisis ON impact_versions (crisis_id, id);

-- Complaint or ticket volume samples, from `/crisis volume` or POST /hooks/volume.
CREATE TABLE volume_samples (
  id           INTEGER PRIMARY KEY,
  crisis_id    INTEGER NOT NULL REFERENCES crises (id),
  count        INTEGER NOT NULL CHECK (count >= 0),
  source       TEXT NOT NULL,
  -- When the help desk counted (the webhook's `at`), which may be before it reached us.
  sampled_at   TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  -- The person who typed `/crisis volume`; NULL for the webhook.
  recorded_by  TEXT,
  -- The webhook's `id`: a help desk that retries sends the same one, and it is recorded once.
  external_id  TEXT
);
-- The card's latest figure, the last hour's median and the chart all read samples in time order.
CREATE INDEX volume_samples_crisis ON volume_samples (crisis_id, sampled_at, id);
-- Trend, rise and median are per source: the source's latest, previous and last hour.
CREATE INDEX volume_samples_source ON volume_samples (crisis_id, source, sampled_at, id);
CREATE UNIQUE INDEX volume_samples_external ON volume_samples (crisis_id, external_id) WHERE external_id IS NOT NULL;

-- Per source: whether a sharp rise has been told and not yet ended (one notice per rise; the rise
-- is over when a later latest sample of that source is below the threshold again).
CREATE TABLE volume_rise_watch (
  crisis_id       INTEGER NOT NULL REFERENCES crises (id),
  source          TEXT NOT NULL,
  rising          INTEGER NOT NULL DEFAULT 0,
  last_notice_at  TEXT,
  notices         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (crisis_id, source)
);

-- What affected customers are offered (refund, credit, replacement).
CREATE TABLE remedies (
  id        INTEGER PRIMARY KEY,
  crisis_id INTEGER NOT NULL REFERENCES crises (id),
  text      TEXT NOT NULL,
  added_by  TEXT NOT NULL,
  added_at  TEXT NOT NULL
);
CREATE INDEX remedies_crisis ON remedies (crisis_id, id);

-- Answers for support reps, `F<n>` numbered per crisis. Playbook entries start approved with no
-- proposer; the rest are proposed by a person and approved by legal or the spokesperson.
CREATE TABLE faq_entries (
  id           INTEGER PRIMARY KEY,
  crisis_id    INTEGER NOT NULL REFERENCES crises (id),
  number       INTEGER NOT NULL,
  question     TEXT NOT NULL,
  answer       TEXT NOT NULL,
  origin       TEXT NOT NULL CHECK (origin IN ('playbook', 'proposed')),
  state        TEXT NOT NULL CHECK (state IN ('proposed', 'approved')),
  proposed_by  TEXT,
  proposed_at  TEXT NOT NULL,
  approved_by  TEXT,
  approved_at  TEXT,
  -- The proposal message with its Approve button, edited once the answer is approved.
  proposal_channel_id TEXT,
  proposal_ts  TEXT
);
CREATE UNIQUE INDEX faq_entries_number ON faq_entries (crisis_id, number);

-- The one FAQ message per crisis channel: pinned, and edited in place (never reposted) as it changes.
-- A row exists once the FAQ was started (seeded from the playbook), so seeding happens once.
CREATE TABLE faq_messages (
  crisis_id   INTEGER PRIMARY KEY REFERENCES crises (id),
  started_at  TEXT NOT NULL,
  channel_id  TEXT,
  ts          TEXT,
  posted_at   TEXT,
  updated_at  TEXT
);

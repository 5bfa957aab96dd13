-- PostgreSQL: migrations/0004_statements.sql translated (src/store/sql/README.md): ids BIGINT identity, times
-- ISO-8601 text and truth values 0/1 as on SQLite, so the same queries run on both engines.

-- Statements with one voice (issue 11): drafted (by hand or from a playbook template), reviewed by
-- legal, published by the spokesperson, each promising when the next one comes.
--
-- The statements table of 0001 held only what went out with an update. It is extended rather than
-- replaced: a statement is one row through its whole life, and the old rows are statements too.

-- S<n> in commands: numbered within its crisis, in the order drafted.
ALTER TABLE statements ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
-- draft → (changes_requested → draft) → approved → published. A published row is never edited.
ALTER TABLE statements ADD COLUMN state TEXT NOT NULL DEFAULT 'draft'
  CHECK (state IN ('draft', 'changes_requested', 'approved', 'published'));
-- Who it speaks to (a playbook audience: customers, support_macro, social, status_page, employees,
-- press). Not checked here: the audiences are the playbook format's, checked by the code that reads.
ALTER TABLE statements ADD COLUMN audience TEXT NOT NULL DEFAULT 'customers';
-- The playbook template it was drafted from; NULL for one written by hand.
ALTER TABLE statements ADD COLUMN template_id TEXT;
-- 1 while the text is a pre-approved template's, unedited: approved at once, by the template. Any
-- edit clears it, and the statement goes to review like any other.
ALTER TABLE statements ADD COLUMN pre_approved INTEGER NOT NULL DEFAULT 0 CHECK (pre_approved IN (0, 1));
-- When the next statement is promised, in minutes after publishing; NULL means the crisis's update
-- cadence at the time it is published.
ALTER TABLE statements ADD COLUMN next_minutes INTEGER CHECK (next_minutes IS NULL OR next_minutes BETWEEN 1 AND 1440);
-- The time the text itself promises (a template's {next_update}, filled when drafted), and the words
-- it was filled with: while the text still says them, that time is the promise, so what customers
-- read and what the bot holds the team to are the same.
ALTER TABLE statements ADD COLUMN stated_due_at TEXT;
ALTER TABLE statements ADD COLUMN stated_due_text TEXT;
ALTER TABLE statements ADD COLUMN edited_by TEXT;
ALTER TABLE statements ADD COLUMN edited_at TEXT;
-- The last request for changes: the comment the author got by DM.
ALTER TABLE statements ADD COLUMN review_comment TEXT;
ALTER TABLE statements ADD COLUMN reviewed_by TEXT;
ALTER TABLE statements ADD COLUMN reviewed_at TEXT;
-- In what capacity approved_by approved: the legal holder, a crisis admin, the lead while there was
-- no legal holder, or (approved_by NULL) the pre-approved template itself. The debrief says which.
ALTER TABLE statements ADD COLUMN approved_as TEXT CHECK (approved_as IS NULL OR approved_as IN ('legal', 'admin', 'lead', 'template'));
ALTER TABLE statements ADD COLUMN published_by TEXT;
-- The promise a published statement makes: the next statement by promise_due_at. Pending until
-- another is published before then (kept, kept_by naming it), the time passes (broken), or the
-- crisis is resolved first (ended: resolving stops promises, and reopening does not revive them).
ALTER TABLE statements ADD COLUMN promise_due_at TEXT;
ALTER TABLE statements ADD COLUMN promise_state TEXT NOT NULL DEFAULT 'none'
  CHECK (promise_state IN ('none', 'pending', 'kept', 'broken', 'ended'));
ALTER TABLE statements ADD COLUMN promise_settled_at TEXT;
ALTER TABLE statements ADD COLUMN kept_by BIGINT;
-- The draft's message in the crisis channel, updated in place as the statement moves on.
ALTER TABLE statements ADD COLUMN message_ts TEXT;

-- The rows from before went out with an update, unreviewed: published then, promising nothing.
UPDATE statements SET
  number = (SELECT COUNT(*) FROM statements AS earlier WHERE earlier.crisis_id = statements.crisis_id AND earlier.id <= statements.id),
  state = 'published',
  published_at = created_at,
  published_by = author_id,
  published_to = 'the crisis channel, with an update';

CREATE UNIQUE INDEX statements_number ON statements (crisis_id, number);
-- The card, the App Home and the promise handlers look for what is waiting: small partial ranges.
CREATE INDEX statements_drafts ON statements (crisis_id) WHERE state = 'draft';
CREATE INDEX statements_promises ON statements (crisis_id) WHERE promise_state = 'pending';

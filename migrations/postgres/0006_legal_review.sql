-- PostgreSQL: migrations/0006_legal_review.sql translated (src/store/sql/README.md): ids BIGINT identity, times
-- ISO-8601 text and truth values 0/1 as on SQLite, so the same queries run on both engines.

-- Legal sees every word that goes out (issue 16). A pre-approved template's wording was cleared in
-- advance, but not the free text filled into it ({title}, {impact}). This holds the filled-in words
-- legal had not approved in this crisis when the draft was made, as JSON
-- [{"placeholder": "impact", "text": "…"}]: such a draft goes to review even from a pre-approved
-- template, and its message in the channel highlights these words for legal. An edit keeps those
-- still in the text. '[]' for every other statement, and for the rows from before.
ALTER TABLE statements ADD COLUMN unseen_words TEXT NOT NULL DEFAULT '[]';

-- The spokesperson nudge is claimed before it is posted (issue 21): with several replicas ticking,
-- one takes a lease on the crisis's nudge, posts it, and records it; a replica that dies holding
-- the lease gives the nudge to another once the lease runs out. Kept beside the crisis's reminder
-- schedule (every crisis has its row), which the same ticker owns.
ALTER TABLE reminders ADD COLUMN nudge_lease_until TEXT;

-- Placeholder, only on this branch: migration 0002 is being written on another branch at the same
-- time, and the runner applies files strictly in sequence, so 0003_customer_side.sql needs a 0002
-- before it. At merge the real 0002 replaces this file (delete this one); it changes nothing.
SELECT 1;

-- Reserved: number 0003 belongs to the customer-side branch (impact, volume, remedies, FAQ), built
-- at the same time as statements (0004). The runner needs contiguous numbers, so this branch holds
-- the place with a migration that changes nothing; at merge the customer-side 0003 replaces it.
SELECT 1;

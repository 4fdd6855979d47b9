-- Which silo owns each open CDR (issue #14): the Orleans silo address and generation (SiloAddress.ToParsableString())
-- of the silo whose call grain opened the row. Every silo's recovery pass closes the open rows whose silo is no longer
-- in the cluster membership and whose call is over, instead of each process closing every open row at its own start
-- (which would close the live calls of the other silos). Rows from before this migration have none: they count as
-- orphaned.
alter table cdrs add column silo text;
-- The pass reads the open rows of silos that are gone, and the open recordings whose call has no live owner: partial
-- indexes hold only open rows, so the query costs the calls in progress, not the history. The first replaces cdrs_open.
drop index cdrs_open;
create index cdrs_open_silo on cdrs (silo) include (call_id) where ended_at is null;
create index recordings_open_call on recordings (call_id) where completed_at is null;

-- Indexes for the call history filters (GET /api/v1/calls): every filter is combined with the default newest-first
-- order and a LIMIT, so each index ends in (started_at desc, id desc) and a page is read straight off the index
-- instead of sorting every matching row. The number filter is "caller = n or callee = n": a BitmapOr of the first two.
create index cdrs_caller_started on cdrs (caller, started_at desc, id desc);
create index cdrs_callee_started on cdrs (callee, started_at desc, id desc);
-- Superseded by the two above (same leading column); each extra index slows every CDR insert.
drop index cdrs_caller;
drop index cdrs_callee;
create index cdrs_direction_started on cdrs (direction, started_at desc, id desc);
create index cdrs_disposition_started on cdrs (disposition, started_at desc, id desc);
-- sort=-duration / duration.
create index cdrs_duration on cdrs (duration_seconds desc nulls last, id desc);

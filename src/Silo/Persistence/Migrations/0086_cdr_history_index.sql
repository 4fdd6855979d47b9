-- Per-user call history (ViewScope): a user sees the calls where their extension is caller, callee, or a step of the
-- history (forwarded, deflected or transferred to or from). The history test is "history @> [{to: n}]", which this
-- index serves (jsonb_path_ops: containment only, a third of the default operator class's size), so a user's page is a
-- BitmapOr of index scans, not a scan of every CDR. History is written once, when the call ends.
create index cdrs_history on cdrs using gin (history jsonb_path_ops);

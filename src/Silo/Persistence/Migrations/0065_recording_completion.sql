-- Recordings written by call grains (issue #5): a row is inserted when recording starts and completed (size, duration,
-- completed_at) when it stops; rows still open at start-up were cut short by a crash and are completed then.
alter table recordings add column completed_at timestamptz;
update recordings set completed_at = created_at;
-- The file path identifies a recording for the retried, idempotent writes of the call side.
alter table recordings add constraint recordings_file_path_unique unique (file_path);

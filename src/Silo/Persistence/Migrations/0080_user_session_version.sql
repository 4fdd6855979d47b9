-- Bearer tokens carry the session version they were issued under. A password change, a role or extension change and a
-- logout move it on, so every token issued before stops working at once instead of living until it expires; a lock from
-- wrong passwords does not (anyone can cause one).
alter table users add column session_version integer not null default 0;

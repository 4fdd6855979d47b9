-- Bearer tokens carry the session version they were issued under; a password change, a role or extension change, a lock
-- and a logout move it on, so every token issued before stops working at once instead of living until it expires.
alter table users add column session_version integer not null default 0;

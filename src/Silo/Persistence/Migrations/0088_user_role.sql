-- The "user" role: a phone's owner, who sees only its own extension's calls, recordings and live events (the API's
-- UserScope); admins, operators and viewers see everything.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check check (role in ('admin', 'operator', 'viewer', 'user'));

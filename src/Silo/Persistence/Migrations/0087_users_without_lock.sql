-- Wrong passwords no longer lock an account (anyone could lock the admin out by guessing): the API counts failures per
-- account and source address, and per source address, in memory and answers with a growing wait (LoginThrottle).
alter table users drop column failed_logins, drop column locked_until;

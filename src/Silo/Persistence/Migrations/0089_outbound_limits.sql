-- Per-extension limits on calls through trunks (the toll-fraud guard next to the permission class): concurrent outbound
-- calls, outbound calls started in any hour, and outbound talk minutes per day of the organisation. 0 means no limit.
-- The defaults stop a hijacked phone running up a bill overnight without getting in the way of a busy desk.
alter table extensions
    add column max_outbound_calls int not null default 4 check (max_outbound_calls between 0 and 1000),
    add column outbound_calls_per_hour int not null default 60 check (outbound_calls_per_hour between 0 and 100000),
    add column outbound_minutes_per_day int not null default 600 check (outbound_minutes_per_day between 0 and 1440000);

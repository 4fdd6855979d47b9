-- Time conditions (issue 17): when the company is open, for IVR menus and DIDs to route by. The weekly hours and holidays
-- are JSON arrays read and written whole with their condition ([{"day":"monday","start":"09:00","end":"18:00"}],
-- [{"start":"2026-12-31","end":"2027-01-02","name":"New Year"}]), validated by the API's rule before they are stored.
-- override is the day/night switch: none lets the schedule decide.
create table time_conditions (
    id            bigint generated always as identity primary key,
    name          text not null unique check (length(name) between 1 and 100),
    time_zone     text not null default 'Asia/Tashkent',
    override      text not null default 'none' check (override in ('none', 'force-open', 'force-closed')),
    weekly_hours  jsonb not null default '[]' check (jsonb_typeof(weekly_hours) = 'array'),
    holidays      jsonb not null default '[]' check (jsonb_typeof(holidays) = 'array'),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

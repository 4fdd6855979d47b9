-- Grain runtime tables: grain state (JSONB with a version used as ETag) and durable reminders.
-- schema_migrations itself is created by MigrationRunner, which has to exist before any migration runs.

create table grain_state (
    grain_type  text not null,
    grain_key   text not null,
    state_name  text not null,
    payload     jsonb not null,
    -- Optimistic concurrency: every write bumps it and names the version it read (the ETag), so a stale
    -- writer matches no row and newer data is never overwritten.
    version     bigint not null check (version > 0),
    updated_at  timestamptz not null default now(),
    primary key (grain_type, grain_key, state_name)
);

create table grain_reminders (
    grain_type     text not null,
    grain_key      text not null,
    reminder_name  text not null,
    first_due      timestamptz not null,
    next_due       timestamptz not null,
    -- 0 = one-shot: deleted once delivered.
    period_ms      bigint not null check (period_ms >= 0),
    primary key (grain_type, grain_key, reminder_name)
);

-- The poller asks "what is due now" every Runtime:ReminderPollInterval.
create index grain_reminders_next_due on grain_reminders (next_due);

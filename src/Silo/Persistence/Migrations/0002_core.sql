-- The PBX's configuration and history tables. Grain state and reminders live in 0001_runtime.sql.

create table extensions (
    id            bigint generated always as identity primary key,
    number        text not null unique check (number ~ '^[0-9A-Za-z_.+-]{1,32}$'),
    display_name  text not null default '',
    -- Digest credentials, stored only as HA1 = H(number:realm:password) per RFC 7616 3.4.2; never the password.
    realm         text not null,
    ha1_md5       text not null,
    ha1_sha256    text not null,
    enabled       boolean not null default true,
    max_contacts  int not null default 5 check (max_contacts between 1 and 100),
    -- Features later issues read: forwarding, dnd, call waiting, voicemail, permission class.
    settings      jsonb not null default '{}'::jsonb,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create table users (
    id                bigint generated always as identity primary key,
    username          text not null unique,
    -- ASP.NET Core Identity PasswordHasher v3 (PBKDF2-HMAC-SHA512) format.
    password_hash     text not null,
    role              text not null check (role in ('admin', 'operator', 'viewer')),
    extension_number  text references extensions (number) on update cascade on delete set null,
    failed_logins     int not null default 0,
    locked_until      timestamptz,
    created_at        timestamptz not null default now()
);

create table recordings (
    id            bigint generated always as identity primary key,
    call_id       text not null,
    file_path     text not null,
    content_type  text not null default 'audio/wav',
    duration_ms   bigint not null default 0,
    size_bytes    bigint not null default 0,
    created_at    timestamptz not null default now()
);
create index recordings_call_id on recordings (call_id);

-- One row per call attempt: inserted when the call starts, completed when it ends (ARCHITECTURE.md).
create table cdrs (
    id                bigint generated always as identity primary key,
    call_id           text not null unique,
    caller            text not null,
    caller_name       text,
    callee            text not null,
    direction         text not null check (direction in ('internal', 'inbound', 'outbound')),
    started_at        timestamptz not null,
    answered_at       timestamptz,
    ended_at          timestamptz,
    duration_seconds  int,
    billable_seconds  int,
    disposition       text check (disposition in ('answered', 'busy', 'no-answer', 'failed', 'cancelled', 'interrupted')),
    hangup_cause      text,
    hangup_side       text check (hangup_side in ('caller', 'callee', 'system')),
    -- Transfers and forwards in order: [{"at": ..., "kind": "forward", "to": "201"}, ...]
    history           jsonb not null default '[]'::jsonb,
    trunk             text,
    carrier_call_id   text,
    recording_id      bigint references recordings (id) on delete set null
);
create index cdrs_started_at on cdrs (started_at desc);
create index cdrs_caller on cdrs (caller);
create index cdrs_callee on cdrs (callee);
create index cdrs_open on cdrs (id) where ended_at is null;

create table did_numbers (
    id                  bigint generated always as identity primary key,
    number              text not null unique,
    description         text not null default '',
    destination_kind    text check (destination_kind in ('extension', 'ivr', 'queue', 'voicemail', 'conference')),
    destination_target  text,
    created_at          timestamptz not null default now(),
    check ((destination_kind is null) = (destination_target is null))
);

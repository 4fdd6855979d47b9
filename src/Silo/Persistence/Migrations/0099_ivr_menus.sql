-- IVR menus (auto-attendants): a greeting, what each key does, direct dial, input time, retries and a final destination.
-- A menu is reached by a DID routed to it (did_numbers destination_kind 'ivr', target = id) or by its internal number.
-- Keys: {"1": {"kind": "extension", "target": "2001"}, "9": {"kind": "hangup"}}; kinds are checked by the API.
create table ivr_menus (
    id                   text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name                 text not null,
    number               text unique check (number ~ '^[0-9]{2,15}$'),
    greeting             text not null,
    invalid_prompt       text,
    timeout_prompt       text,
    timeout_seconds      int not null default 5 check (timeout_seconds between 1 and 60),
    inter_digit_seconds  int not null default 3 check (inter_digit_seconds between 1 and 10),
    max_retries          int not null default 3 check (max_retries between 0 and 10),
    direct_dial          boolean not null default true,
    keys                 jsonb not null default '{}',
    final_kind           text,
    final_target         text,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);

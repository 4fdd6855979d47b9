-- Carrier SIP trunks, the outbound dial plan and DID routing by trunk (issue 8).

create table trunks (
    id                    text primary key check (id ~ '^[a-z0-9_-]{1,32}$'),
    description           text not null default '',
    enabled               boolean not null default true,
    host                  text not null,
    port                  int not null default 5060 check (port between 1 and 65535),
    transport             text not null default 'udp' check (transport in ('udp', 'tcp')),
    outbound_proxy        text,
    -- Digest account. The password is kept only encrypted with ASP.NET Core Data Protection (password_protected), or
    -- as HA1 = MD5(username:realm:password) when the carrier's realm is known (ha1_md5); never in plain text.
    username              text,
    realm                 text,
    password_protected    text,
    ha1_md5               text,
    register              boolean not null default false,
    register_expires      int not null default 3600 check (register_expires between 60 and 86400),
    -- IP-authenticated trunks: inbound INVITEs are accepted only from these networks (and from the registered host).
    allowed_networks      cidr[] not null default '{}',
    codecs                text[] not null default '{PCMA,PCMU}',
    max_calls             int not null default 30 check (max_calls between 1 and 10000),
    -- Caller ID: the number presented when an extension has no outbound number of its own; privacy = RFC 3323 id.
    default_caller_id     text,
    privacy               boolean not null default false,
    -- Number plan (NumberPlan): country code, prefixes, bare national length, carrier format.
    country_code          text not null check (country_code ~ '^[1-9][0-9]{0,2}$'),
    national_prefix       text not null default '0',
    international_prefix  text not null default '00',
    national_length       int not null default 0 check (national_length between 0 and 14),
    carrier_format        text not null default 'e164' check (carrier_format in ('e164', 'international', 'national')),
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    check (not register or (username is not null and (password_protected is not null or ha1_md5 is not null))),
    check (ha1_md5 is null or realm is not null)
);

create table dial_rules (
    id             bigint generated always as identity primary key,
    extension_group text not null default '*',
    prefix         text not null check (prefix ~ '^[0-9*#+]{1,16}$'),
    strip          int not null default 0 check (strip between 0 and 16),
    prepend        text not null default '' check (prepend ~ '^[0-9+]{0,16}$'),
    -- Trunk ids in the order they are tried.
    trunk_ids      text[] not null check (cardinality(trunk_ids) > 0),
    unique (extension_group, prefix)
);

-- Which trunk a DID arrives on (null: any trunk) and the extensions' outbound identity and permission class.
alter table did_numbers add column trunk_id text references trunks (id) on delete set null;
alter table extensions add column extension_group text not null default 'default';
alter table extensions add column permission_class text not null default 'national'
    check (permission_class in ('internal', 'national', 'international'));
alter table extensions add column outbound_caller_id text;

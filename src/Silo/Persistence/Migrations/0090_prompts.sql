-- The prompts library (issue 17): audio that IVR menus, queues and music on hold play. Each row names a file under
-- Media:PromptsDirectory (file_path, relative, the name the media node plays), written before the row so that no row
-- ever lacks its file; files left without a row by a crash are swept by the API hosts. 'system' rows are the built-in
-- voice prompts generated at first start; an upload with the same name and language replaces one and makes it
-- 'uploaded'. language is '' for a prompt of no particular language (a tone, music).
create table prompts (
    id           bigint generated always as identity primary key,
    name         text not null check (name ~ '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$'),
    language     text not null default '' check (language ~ '^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*)?$'),
    kind         text not null check (kind in ('system', 'uploaded')),
    file_path    text not null unique,
    duration_ms  bigint not null check (duration_ms >= 0),
    size_bytes   bigint not null check (size_bytes >= 0),
    created_at   timestamptz not null default now(),
    unique (name, language)
);

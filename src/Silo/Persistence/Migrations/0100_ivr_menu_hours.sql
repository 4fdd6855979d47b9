-- A menu's language (which of a prompt's recordings it plays: en, ru, uz; null plays any) and its opening hours: while
-- its time condition is closed, a caller entering the menu goes to the closed destination instead (a night menu, an
-- extension on duty, or hang-up). A condition that menus route by cannot be deleted.
alter table ivr_menus
    add column language text check (language in ('en', 'ru', 'uz')),
    add column time_condition_id bigint references time_conditions (id) on delete restrict,
    add column closed_kind text,
    add column closed_target text,
    add check ((closed_kind is null) or (time_condition_id is not null));

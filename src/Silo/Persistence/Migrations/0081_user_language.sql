-- The language a user chose for the console: en, ru or uz. Null until chosen (the console then follows the browser).
alter table users add column language text check (language in ('en', 'ru', 'uz'));

-- 0004: settings the store keeps for itself; the first is the secret that turns a person's ID into a link token.
create table app_setting (
    key varchar primary key,
    value varchar not null
);

insert into app_setting values ('person_link_secret', replace(gen_random_uuid()::varchar || gen_random_uuid()::varchar, '-', ''));

-- A validated 18-character resident ID as an exact, reversible BIGINT: the ID itself when it is all digits, minus its
-- first 17 digits when it ends in X. Joins and groupings on it run about twice as fast as on the text, in half the
-- memory (field notes). The importer only lets valid IDs in; anything else would get no key and match nothing.
create or replace temp macro person_key(id) as
    coalesce(try_cast(id as bigint), -try_cast(left(id, 17) as bigint))

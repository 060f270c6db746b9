-- The resident ID back from person_key (see finding_macro_person_key.sql).
create or replace temp macro person_id_of(person_key) as
    case when person_key >= 0 then lpad(cast(person_key as varchar), 18, '0')
         else lpad(cast(-person_key as varchar), 17, '0') || 'X' end

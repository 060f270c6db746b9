-- The visits to one person.
select visit_date, visitor, note from visits where person_id = $person_id order by visit_date desc

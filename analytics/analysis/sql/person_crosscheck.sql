-- The cross-check records about one person.
select source, event_date, detail from crosscheck where person_id = $person_id order by event_date

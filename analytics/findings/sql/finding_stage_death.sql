-- Findings staging: each person's earliest death record (死亡, 火化 or 户籍注销) dated up to as_of, and its row.
select
    person_key(person_id) as person_key,
    min(event_date) as died,
    arg_min(source, event_date) as death_source,
    arg_min({'dataset': 'crosscheck', 'row_id': rowid}, event_date) as death_row
from crosscheck
where list_contains($death_sources, source)
  and event_date <= $as_of
group by all

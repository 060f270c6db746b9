-- Findings staging: who is active in the latest snapshot of each (program, village). Active (domain.md §5): status
-- 在保/正常 or blank, start_date ≤ end of the month and end_date ≥ its first day when given.
select
    person_key(r.person_id) as person_key,
    r.person_id,
    m.program_no,
    r.program,
    r.sub_type,
    r.village,
    r.period,
    r.monthly_amount as approved,
    r.rowid as row_id
from roster as r
join finding_roster_month as m
    on m.program_no = list_position($program_names, r.program) and m.village = r.village and m.period = r.period
where m.latest
  and (r.status is null or r.status in ('在保', '正常'))
  and coalesce(r.start_date, r.period) <= last_day(r.period)
  and coalesce(r.end_date, r.period) >= r.period

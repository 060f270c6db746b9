-- Findings staging: who is active (the roster_active macro, domain.md §5) in the latest snapshot of each
-- (program, village).
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
  and roster_active(r.status, r.start_date, r.end_date, r.period, $active_statuses)

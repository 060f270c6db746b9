-- Persons and households active on the rosters of one month, per program and (program null) in all, within the
-- village and program filters: a person on two programs counts once in all.
select
    program,
    count(distinct person_id) as persons,
    count(distinct coalesce(household_id, head_id, person_id)) as households,
    sum(monthly_amount) as approved
from roster
where period = $month
  and roster_active(status, start_date, end_date, period, $active_statuses)
  and {{filters}}
group by grouping sets ((program), ())
order by program is null desc, persons desc

-- Persons and households active on the rosters of one month, per program and (program null) in all, within the
-- village and program filters: a person on two programs counts once in all.
select
    program,
    count(distinct person_id) as persons,
    count(distinct coalesce(household_id, head_id, person_id)) as households,
    sum(monthly_amount) as approved
from roster
where period = $month
  and coalesce(status, '') in ('', '在保', '正常')
  and (len($villages) = 0 or list_contains($villages, village))
  and (len($programs) = 0 or list_contains($programs, program))
group by grouping sets ((program), ())
order by program is null desc, persons desc

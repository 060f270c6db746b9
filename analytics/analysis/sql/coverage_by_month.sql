-- Persons active on the rosters per month, village and program, within the filters.
select period, village, program, count(distinct person_id) as persons
from roster
where coalesce(status, '') in ('', '在保', '正常')
  and ($month_from is null or period >= $month_from)
  and ($month_to is null or period <= $month_to)
  and (len($villages) = 0 or list_contains($villages, village))
  and (len($programs) = 0 or list_contains($programs, program))
group by all
order by period, village, program

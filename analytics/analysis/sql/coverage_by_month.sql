-- Persons active on the rosters per month, village and program, within the filters.
select period, village, program, count(distinct person_id) as persons
from roster
where roster_active(status, start_date, end_date, period, $active_statuses)
  and {{filters}}
group by all
order by period, village, program

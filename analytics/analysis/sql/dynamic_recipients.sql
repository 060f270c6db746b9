-- 保障面's numerator: per village, the persons active on its rosters of its latest roster month up to $as_of (each
-- program's latest month there), a person on two programs once, within the village and program filters.
with latest as (
    select program, village, max(period) as period
    from roster
    where period <= $as_of
      and {{filters}}
    group by all
)

select r.village, count(distinct r.person_id) as persons
from roster as r
join latest as l using (program, village, period)
where roster_active(r.status, r.start_date, r.end_date, r.period, $active_statuses)
group by r.village
order by r.village

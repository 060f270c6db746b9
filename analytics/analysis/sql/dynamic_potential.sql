-- 漏保纳入: the (person, program) pairs of the 摸排 list within the filters (their village: the list's, else their
-- latest roster village), and whether each is active in that program on its latest roster up to $as_of.
with flagged as (
    select distinct p.person_id, p.program,
        coalesce(p.village, (select arg_max(r.village, r.period) from roster as r where r.person_id = p.person_id))
            as village
    from potential as p
),

latest as (
    select program, village, max(period) as period
    from roster
    where period <= $as_of
    group by all
),

enrolled as (
    select distinct r.person_id, r.program
    from roster as r
    join latest as l using (program, village, period)
    where roster_active(r.status, r.start_date, r.end_date, r.period, $active_statuses)
)

select
    count(*) as flagged,
    count(e.person_id) as enrolled
from flagged as f
left join enrolled as e using (person_id, program)
where {{filters}}

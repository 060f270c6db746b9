-- Findings per severity (高, 中, 低) within the sidebar filters.
with counted as (
    select severity, count(*) as findings, count(distinct person_id) as persons, sum(amount) as amount
    from finding
    where (len($villages) = 0 or list_contains($villages, village))
      and (len($programs) = 0 or program is null or list_contains($programs, program)
           or list_contains($programs, program_b))
      and ($month_from is null or period is null or period >= $month_from)
      and ($month_to is null or period is null or period <= $month_to)
    group by severity
)

select s.severity, coalesce(c.findings, 0) as findings, coalesce(c.persons, 0) as persons, c.amount
from (select unnest(['高', '中', '低']) as severity, unnest([1, 2, 3]) as position) as s
left join counted as c using (severity)
order by s.position

-- Findings per 整治重点 (政策执行, 资金使用管理, 关爱服务, 工作保障) within the sidebar filters.
with counted as (
    select focus, count(*) as findings, count(distinct person_id) as persons, sum(amount) as amount
    from finding
    where (len($villages) = 0 or list_contains($villages, village))
      and (len($programs) = 0 or program is null or list_contains($programs, program)
           or list_contains($programs, program_b))
      and ($month_from is null or period is null or period >= $month_from)
      and ($month_to is null or period is null or period <= $month_to)
    group by focus
)

select f.focus, coalesce(c.findings, 0) as findings, coalesce(c.persons, 0) as persons, c.amount
from (select unnest(['政策执行', '资金使用管理', '关爱服务', '工作保障']) as focus, unnest([1, 2, 3, 4]) as position) as f
left join counted as c using (focus)
order by f.position

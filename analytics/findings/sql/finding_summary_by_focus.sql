-- Findings per 整治重点 ($all_focuses, in the campaign plan's order) within the sidebar filters.
with counted as (
    select focus, count(*) as findings, count(distinct person_id) as persons, sum(amount) as amount
    from finding_counted
    where {{filters}}
    group by focus
)

select f.focus, coalesce(c.findings, 0) as findings, coalesce(c.persons, 0) as persons, c.amount
from (select unnest($all_focuses) as focus) as f
left join counted as c using (focus)
order by list_position($all_focuses, f.focus)

-- Findings per severity ($all_severities: 高, 中, 低, in that order) within the sidebar filters.
with counted as (
    select severity, count(*) as findings, count(distinct person_id) as persons, sum(amount) as amount
    from finding_counted
    where {{filters}}
    group by severity
)

select s.severity, coalesce(c.findings, 0) as findings, coalesce(c.persons, 0) as persons, c.amount
from (select unnest($all_severities) as severity) as s
left join counted as c using (severity)
order by list_position($all_severities, s.severity)

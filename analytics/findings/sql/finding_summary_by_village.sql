-- Findings per village within the sidebar filters, by severity ($all_severities: 高, 中, 低), most findings first
-- (a finding of no village, such as a town-level institution, is listed under a blank village).
select
    village,
    count(*) as findings,
    count(*) filter (where severity = $all_severities[1]) as high,
    count(*) filter (where severity = $all_severities[2]) as medium,
    count(*) filter (where severity = $all_severities[3]) as low,
    count(distinct person_id) as persons,
    sum(amount) as amount
from finding_counted
where {{filters}}
group by village
order by findings desc, village

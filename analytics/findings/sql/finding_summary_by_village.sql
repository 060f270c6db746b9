-- Findings per village within the sidebar filters, by severity, most findings first (a finding of no village, such
-- as a town-level institution, is listed under a blank village).
select
    village,
    count(*) as findings,
    count(*) filter (where severity = '高') as high,
    count(*) filter (where severity = '中') as medium,
    count(*) filter (where severity = '低') as low,
    count(distinct person_id) as persons,
    sum(amount) as amount
from finding
where (len($villages) = 0 or list_contains($villages, village))
  and (len($programs) = 0 or program is null or list_contains($programs, program)
       or list_contains($programs, program_b))
  and ($month_from is null or period is null or period >= $month_from)
  and ($month_to is null or period is null or period <= $month_to)
group by village
order by findings desc, village

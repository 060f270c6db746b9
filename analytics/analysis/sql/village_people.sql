-- The people of one village on the rosters of the chosen months, with their programs and how many findings each has.
with people as (
    select
        person_id,
        arg_max(name, period) as name,
        string_agg(distinct program, '、' order by program) as programs,
        max(period) as last_month
    from roster
    where village = $village
      and roster_active(status, start_date, end_date, period, $active_statuses)
      and {{filters}}
    group by person_id
),

flagged as (
    select person_id, count(*) as findings, sum(amount) as amount
    from finding_counted
    where person_id is not null
    group by person_id
)

select p.person_id, p.name, p.programs, p.last_month, coalesce(f.findings, 0) as findings, f.amount
from people as p
left join flagged as f using (person_id)
order by findings desc, p.name

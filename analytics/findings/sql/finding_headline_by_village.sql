-- finding_headline per village (a finding of no village under a blank one), with the persons who have a 高 finding:
-- what the meeting pack ranks villages by. Money as finding_headline counts it, within each village.
with counted as (
    select *
    from finding_counted
    where {{filters}}
),

households as (
    select person_id, arg_max(coalesce(household_id, head_id, person_id), period) as household
    from roster
    where person_id in (select person_id from counted)
    group by person_id
),

people as (
    select
        village,
        count(*) as findings,
        count(distinct c.person_id) as persons,
        count(distinct coalesce(h.household, c.person_id)) as households,
        count(distinct c.person_id) filter (where c.severity = $all_severities[1]) as high_persons,
        coalesce(sum(c.amount) filter (where c.money_kind = 'owed'), 0) as owed,
        coalesce(sum(c.amount) filter (where c.money_kind = 'late'), 0) as paid_late
    from counted as c
    left join households as h using (person_id)
    group by village
),

recover as (
    select village, sum(amount) as to_recover
    from (select village, person_id, program, period, max(amount) as amount
          from counted
          where money_kind = 'recover'
          group by all)
    group by village
),

approved as (
    select village, sum(amount) as approved_monthly
    from (select village, arg_max(amount, coalesce(period, date '0001-01-01')) as amount
          from counted
          where money_kind = 'approved'
          group by village, code, person_id, program, program_b)
    group by village
)

select
    p.village,
    p.findings,
    p.persons,
    p.households,
    p.high_persons,
    coalesce(r.to_recover, 0) as to_recover,
    p.owed,
    p.paid_late,
    coalesce(a.approved_monthly, 0) as approved_monthly
from people as p
left join recover as r using (village)
left join approved as a using (village)
order by p.village

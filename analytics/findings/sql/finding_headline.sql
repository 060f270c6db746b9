-- The headline of the findings within the filters (and among $keys when given), those judged 不属实 left out: how many findings, persons and
-- households (a person's household: their latest roster row's 户编号, else 户主, else themselves), and the money in
-- its meanings, each yuan once — 应追回 per (person, program, month) the largest amount any rule flags there (a
-- payment flagged by DEATH_PAID and INACTIVE_PAID is the same money); 应补发 and 迟发金额 summed; 每月涉及核定金额 per
-- finding subject its latest month's amount.
with counted as (
    select *
    from finding_counted
    where {{filters}}
      and ($keys is null or list_contains($keys, finding_key))
),

households as (
    select person_id, arg_max(coalesce(household_id, head_id, person_id), period) as household
    from roster
    where person_id in (select person_id from counted)
    group by person_id
),

recover as (
    select person_id, program, period, max(amount) as amount
    from counted
    where money_kind = 'recover'
    group by all
),

approved as (
    select arg_max(amount, coalesce(period, date '0001-01-01')) as amount  -- a finding without a month: its amount
    from counted
    where money_kind = 'approved'
    group by code, person_id, program, program_b
)

select
    (select count(*) from counted) as findings,
    (select count(distinct person_id) from counted) as persons,
    (select count(distinct coalesce(h.household, c.person_id))
     from counted as c left join households as h using (person_id) where c.person_id is not null) as households,
    (select coalesce(sum(amount), 0) from recover) as to_recover,
    (select coalesce(sum(amount), 0) from counted where money_kind = 'owed') as owed,
    (select coalesce(sum(amount), 0) from counted where money_kind = 'late') as paid_late,
    (select coalesce(sum(amount), 0) from approved) as approved_monthly

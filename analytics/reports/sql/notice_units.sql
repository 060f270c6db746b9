-- 公示名单 of one village and month: each household (of a program paid per household) or person on the roster of a
-- notice program in $month or the month before, with who heads it, how many are covered and the amount, both months.
-- A household's amount is stored once, on its head's row (analytics/importing/households.py), so its sum is the
-- household's amount. `listed_before` says whether the month before was uploaded at all: without it nothing is 新增.
with rows as (
    select
        program,
        period,
        person_id,
        name,
        head_id,
        head_name,
        group_name,
        status,
        monthly_amount,
        case when list_contains($household_programs, program)
             then coalesce(household_id, head_id, person_id) else person_id end as unit,
        roster_active(status, start_date, end_date, period, $active_statuses) as active
    from roster
    where village = $village
      and list_contains($programs, program)
      and period in ($month, cast($month - interval 1 month as date))
),

listed as (
    select program, bool_or(period < $month) as listed_before, bool_or(period = $month) as listed_now
    from rows
    group by all
),

units as (
    select
        program,
        unit,
        period,
        coalesce(max(head_id), max(person_id) filter (where monthly_amount is not null), min(person_id)) as head_id,
        coalesce(max(head_name), max(name) filter (where person_id = head_id),
                 max(name) filter (where monthly_amount is not null), min(name)) as head_name,
        coalesce(max(group_name) filter (where person_id = head_id), max(group_name)) as group_name,
        count(distinct person_id) as persons,
        coalesce(sum(monthly_amount), 0) as amount
    from rows
    where active
    group by all
),

left_now as (
    -- a unit listed this month with no active row: its roster status says why it left
    select program, unit, string_agg(distinct status, '、') as status_now
    from rows
    where period = $month and not active and status is not null
    group by all
),

final as (
    select
        coalesce(n.program, b.program) as program,
        coalesce(n.unit, b.unit) as unit,
        coalesce(n.head_id, b.head_id) as head_id,
        coalesce(n.head_name, b.head_name) as head_name,
        coalesce(n.group_name, b.group_name) as group_name,
        n.persons,
        n.amount,
        b.persons as persons_before,
        b.amount as amount_before,
        n.unit is not null as on_now,
        b.unit is not null as on_before,
        l.listed_before,
        l.listed_now,
        s.status_now
    from (select * from units where period = $month) as n
    full join (select * from units where period < $month) as b on b.program = n.program and b.unit = n.unit
    join listed as l on l.program = coalesce(n.program, b.program)
    left join left_now as s on s.program = coalesce(n.program, b.program) and s.unit = coalesce(n.unit, b.unit)
)

select *
from final
order by list_position($programs, program), try_cast(regexp_extract(group_name, '\d+') as integer) nulls last,
    group_name, head_name collate zh, unit

-- 清退 and 新纳入 during the campaign, one row per person, program and change, on the rosters up to $as_of within the
-- village and program filters. 退出: active in a program, then in none of its later rosters — the month after the
-- last active month falls between $window_start and $as_of, and the roster of the person's last village has a later
-- month. 新纳入: first active in a program in a month from $window_start on, after that village's first roster of
-- the program (the first month of data is no entry). A move between villages is neither. household_whole: for an exit
-- no member of the household is active in that program's last roster; for an entry no member was active before.
with rows as (
    select
        person_id,
        program,
        village,
        period,
        coalesce(household_id, head_id, person_id) as household,
        coalesce(monthly_amount, 0) as amount,   -- a 低保 member's blank: the household's money is on its head
        roster_active(status, start_date, end_date, period, $active_statuses) as active
    from roster
    where period <= $as_of
      and {{filters}}
),

rosters as (
    select program, village, min(period) as first_month, max(period) as last_month
    from rows
    group by all
),

spells as (
    select
        person_id,
        program,
        min(period) as first_active,
        max(period) as last_active,
        arg_min(village, period) as first_village,
        arg_max(village, period) as last_village,
        arg_max(household, period) as household,
        arg_max(amount, period) as amount
    from rows
    where active
    group by all
),

households as (
    select program, household, period
    from rows
    where active
    group by all
),

exits as (
    select
        s.person_id,
        s.program,
        s.last_village as village,
        s.household,
        s.amount,
        cast(s.last_active + interval 1 month as date) as month,
        '退出' as change,
        not exists (select 1 from households as h
                    where h.program = s.program and h.household = s.household and h.period = r.last_month)
            as household_whole
    from spells as s
    join rosters as r on r.program = s.program and r.village = s.last_village
    where s.last_active < r.last_month
      and s.last_active + interval 1 month >= $window_start
),

entries as (
    select
        s.person_id,
        s.program,
        s.first_village as village,
        s.household,
        s.amount,
        s.first_active as month,
        '新纳入' as change,
        not exists (select 1 from households as h
                    where h.program = s.program and h.household = s.household and h.period < s.first_active)
            as household_whole
    from spells as s
    join rosters as r on r.program = s.program and r.village = s.first_village
    where s.first_active > r.first_month
      and s.first_active >= $window_start
),

final as (
    select * from exits
    union all
    select * from entries
)

select * from final
order by change, month, village, program, person_id

-- Month-over-month changes of who is active in each program, one row per person and change: 新增 (active in month M
-- and in no earlier month), 恢复 (active in M, not in M−1, but in some earlier month), 退出 (active in M−1, not in M).
-- A person moving between villages is no change. A change counts only where the rosters of both months were
-- uploaded for the person's village, so a missing file never looks like everyone leaving. An exit's reason: a death
-- record dated up to the end of M, else an inactive status or an end date up to the end of M on the person's roster
-- rows of M−1 or M; no reason leaves it blank (无故退出). People are matched on integer keys (person_key macro).
with rows as (
    select
        person_key(person_id) as person_key,
        person_id,
        name,
        program,
        village,
        period,
        status,
        end_date,
        roster_active(status, start_date, end_date, period, $active_statuses) as active,
        rowid as row_id
    from roster
    where ($as_of is null or period <= $as_of)
      and {{program_filter}}
),

active as (
    select *
    from rows
    where active
),

rosters as (
    select distinct program, village, period
    from rows
),

spells as (
    -- each person's months in a program; most are one unbroken run, whose only changes are its two ends
    select
        person_key,
        program,
        min(period) as first,
        max(period) as last,
        count(*) = date_diff('month', min(period), max(period)) + 1 as unbroken
    from active
    group by all
),

edges as (
    -- the first and last month of an unbroken run, and every month of a broken one (few): a change may start there
    select a.person_key, a.program, a.period, a.village, a.person_id, a.name, s.first, s.unbroken,
        a.period = s.first as opens, a.period = s.last as closes
    from active as a
    join spells as s using (person_key, program)
    where not s.unbroken or a.period in (s.first, s.last)
),

entries as (
    select e.period, e.village, e.program, e.person_key, e.person_id, e.name,
        case when e.first < r.period then '恢复' else '新增' end as change
    from edges as e
    join rosters as r
        on r.program = e.program and r.village = e.village and r.period = cast(e.period - interval 1 month as date)
    where e.opens
       or not e.unbroken and not exists (select 1 from edges as b
                      where b.person_key = e.person_key and b.program = e.program and b.period = r.period)
),

exits as (
    select r.period, e.village, e.program, e.person_key, e.person_id, e.name, '退出' as change
    from edges as e
    join rosters as r
        on r.program = e.program and r.village = e.village and r.period = cast(e.period + interval 1 month as date)
    where e.closes
       or not e.unbroken and not exists (select 1 from edges as a
                      where a.person_key = e.person_key and a.program = e.program and a.period = r.period)
),

deaths as (
    -- a record without its own date counts from its list's date
    select person_key(person_id) as person_key, min(coalesce(event_date, list_date)) as died
    from crosscheck
    where list_contains($death_sources, source)
    group by all
),

roster_reasons as (
    select
        e.person_key,
        e.program,
        e.period,
        min(case when not x.active and x.status is not null
                 then format('{}名册状态为“{}”', strftime(x.period, '%Y年%-m月'), x.status)
                 when x.end_date <= last_day(e.period) then format('截止保障日期 {}', x.end_date) end) as reason
    from exits as e
    join rows as x
        on x.person_key = e.person_key and x.program = e.program
        and x.period between cast(e.period - interval 1 month as date) and e.period
    group by all
),

final as (
    select period, village, program, person_id, name, change, null as reason
    from entries
    union all
    select
        e.period, e.village, e.program, e.person_id, e.name, '退出',
        coalesce(case when d.died <= last_day(e.period) then format('死亡（{}）', d.died) end, rr.reason)
    from exits as e
    left join deaths as d using (person_key)
    left join roster_reasons as rr using (person_key, program, period)
)

select distinct *
from final
where {{filters}}
order by period, village, program, change, person_id

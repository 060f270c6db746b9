-- Month-over-month changes of who is active in each program, one row per person and change: 新增 (active in month M
-- and in no earlier month), 恢复 (active in M, not in M−1, but in some earlier month), 退出 (active in M−1, not in M).
-- A person moving between villages is no change. A change counts only where the rosters of both months were
-- uploaded for the person's village, so a missing file never looks like everyone leaving. An exit's reason: a death
-- record dated up to the end of M, else an inactive status or an end date up to the end of M on the person's roster
-- rows of M−1 or M; no reason leaves it blank (无故退出).
with rows as (
    select
        person_id,
        name,
        program,
        village,
        period,
        status,
        end_date,
        (status is null or status in ('在保', '正常'))
            and coalesce(start_date, period) <= last_day(period)
            and coalesce(end_date, period) >= period as active
    from roster
    where ($as_of is null or period <= $as_of)
      and (len($programs) = 0 or list_contains($programs, program))
),

rosters as (
    select distinct program, village, period
    from rows
),

spells as (
    select
        person_id,
        program,
        period,
        min(village) as village,
        min(name) as name,
        lag(period) over (partition by person_id, program order by period) as previous,
        lead(period) over (partition by person_id, program order by period) as next,
        min(period) over (partition by person_id, program) as first
    from rows
    where active
    group by person_id, program, period
),

entries as (
    select s.period, s.village, s.program, s.person_id, s.name,
        case when s.first = s.period then '新增' else '恢复' end as change
    from spells as s
    join rosters as r
        on r.program = s.program and r.village = s.village and r.period = cast(s.period - interval 1 month as date)
    where s.previous is distinct from r.period
),

exits as (
    select r.period, s.village, s.program, s.person_id, s.name, '退出' as change
    from spells as s
    join rosters as r
        on r.program = s.program and r.village = s.village and r.period = cast(s.period + interval 1 month as date)
    where s.next is distinct from r.period
),

deaths as (
    select person_id, min(event_date) as died
    from crosscheck
    where source in ('死亡', '火化', '户籍注销')
    group by person_id
),

explained as (
    select
        e.*,
        case when d.died <= last_day(e.period) then format('死亡（{}）', d.died) end as death,
        (select min(case when not x.active and x.status is not null then format('{}名册状态为“{}”',
                                                                               strftime(x.period, '%Y年%-m月'), x.status)
                         when x.end_date <= last_day(e.period) then format('截止保障日期 {}', x.end_date) end)
         from rows as x
         where x.person_id = e.person_id and x.program = e.program
           and x.period between cast(e.period - interval 1 month as date) and e.period) as roster_reason
    from exits as e
    left join deaths as d using (person_id)
),

final as (
    select *, null as reason from entries
    union all
    select period, village, program, person_id, name, change, coalesce(death, roster_reason) as reason
    from explained
)

select *
from final
where (len($villages) = 0 or list_contains($villages, village))
  and ($month_from is null or period >= $month_from)
  and ($month_to is null or period <= $month_to)
order by period, village, program, change, person_id

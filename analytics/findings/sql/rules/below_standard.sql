-- BELOW_STANDARD 核定金额低于标准: an active roster row of a fixed-standard program (a 停发 row with 0 is not paid
-- below the standard, it is not paid) whose approved amount is below the standard in force in its month: the latest effective date ≤ the first day of the month, by sub-type (孤儿 集中/散居)
-- or 残疾等级 (护理补贴 一级/二级); a standard with sub_type "" applies to all. Standards come as bound lists.
with standards as (
    select program, sub_type, effective, cast(amount as decimal(12, 2)) as amount
    from (select unnest($std_program) as program, unnest($std_sub_type) as sub_type,
                 unnest($std_effective) as effective, unnest($std_amount) as amount)
),

ceilings as (
    -- no row at or above its program's highest standard can be below the one in force: most rows go no further
    select program, max(amount) as ceiling
    from standards
    where effective <= $as_of
    group by program
),

rows as (
    select
        rowid as row_id,
        person_id,
        program,
        village,
        period,
        monthly_amount as approved,
        coalesce(sub_type, '') as tier,
        coalesce(translate(disability_level, '1234', '一二三四'), '') as level
    from roster
    where period <= $as_of
      and monthly_amount is not null
      and list_contains($fixed_programs, program)
      and roster_active(status, start_date, end_date, period, $active_statuses)
      and monthly_amount < (select c.ceiling from ceilings as c where c.program = roster.program)
),

in_force as (
    select c.program, c.tier, c.level, c.period, s.amount as standard, s.effective
    from (select distinct program, tier, level, period from rows) as c
    join standards as s
        on s.program = c.program
        and s.effective <= c.period
        and (s.sub_type = '' or s.sub_type = c.tier or starts_with(c.level, s.sub_type))
    qualify row_number() over (partition by c.program, c.tier, c.level, c.period
                               order by s.effective desc, s.sub_type = '') = 1
),

final as (
    select
        person_key(r.person_id) as person_key,
        cast(list_position($program_names, r.program) as tinyint) as program_no,
        r.period,
        r.village,
        s.standard - r.approved as amount,
        format('{}核定 {:.2f} 元，低于当月标准 {:.2f} 元（{} 起执行），差 {:.2f} 元', strftime(r.period, '%Y年%-m月'),
               r.approved, s.standard, s.effective, s.standard - r.approved) as explanation,
        [{'dataset': 'roster', 'row_id': r.row_id}] as source_rows
    from rows as r
    join in_force as s using (program, tier, level, period)
    where r.approved < s.standard
    qualify row_number() over (partition by r.person_id, r.program, r.period
                               order by r.approved, r.village, r.row_id) = 1
)

select * from final

-- UNPAID 应发未发(欠付): active with an approved amount > 0, as_of is past the month's due day, a payments file of the
-- program and month covering the person's village has been imported, and no positive payment for (person, program,
-- month) — a quarantined payment row is absent, so it leaves the month unpaid. A roster that arrives before its
-- payments file (or rosters back-loaded for months paid by no file here) gives no UNPAID (finding_paid_cover):
-- 数据完整性 shows the gap, and the rule's status says how many months it could not judge.
-- One-off programs (临时救助) and persons whose money goes to their institution (集中供养) are left out.
with one_off as (
    select cast(list_position($program_names, unnest($one_off)) as tinyint) as program_no
),

institution_paid as (
    -- roster rows of a 供养方式 whose money goes to the institution's account (config programs.institution_paid)
    select r.rowid as row_id
    from roster as r
    join (select unnest($institution_program) as program, unnest($institution_sub_type) as sub_type) as k
        on k.program = r.program and k.sub_type = r.sub_type
    where r.period <= $as_of
),

final as (
    select
        person_key,
        program_no,
        period,
        roster_village as village,
        approved as amount,
        format('{}应发 {:.2f} 元，发放期限为 {}，截至 {} 仍未发放', strftime(period, '%Y年%-m月'), approved,
               period + ($due_day - 1), cast($as_of as date)) as explanation,
        [{'dataset': 'roster', 'row_id': roster_row}] as source_rows
    from finding_month as m
    semi join finding_paid_cover as c
        on c.program_no = m.program_no and c.period = m.period and c.village = m.roster_village
    anti join institution_paid as i on i.row_id = m.roster_row
    where active
      and approved > 0
      and paid_rows = 0
      and $as_of > period + ($due_day - 1)
      and program_no not in (select program_no from one_off)
    qualify row_number() over (partition by person_key, program_no, period order by roster_village, roster_row) = 1
)

select * from final

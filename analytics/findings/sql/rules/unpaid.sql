-- UNPAID 应发未发(欠付): active with an approved amount > 0, as_of is past the month's due day, and no positive
-- payment for (person, program, month) — a quarantined payment row is absent, so it leaves the month unpaid.
-- One-off programs (临时救助) are left out.
with one_off as (
    select cast(list_position($program_names, unnest($one_off)) as tinyint) as program_no
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
    from finding_month
    where active
      and approved > 0
      and paid_rows = 0
      and $as_of > period + ($due_day - 1)
      and program_no not in (select program_no from one_off)
    qualify row_number() over (partition by person_key, program_no, period order by roster_village) = 1
)

select * from final

-- AMOUNT_MISMATCH 发放金额与核定不符: active with an approved amount and paid, and the month's payments (补发 rows
-- included) differ from the approved amount by more than 0.01 元. One-off programs (临时救助) are left out.
with one_off as (
    select cast(list_position($program_names, unnest($one_off)) as tinyint) as program_no
),

flagged as (
    select person_key, program_no, period, roster_village, roster_row, approved, paid_sum, paid_rows
    from finding_month
    where active
      and approved is not null
      and paid_rows > 0
      and abs(paid_sum - approved) > 0.01
      and program_no not in (select program_no from one_off)
    qualify row_number() over (partition by person_key, program_no, period order by roster_village, roster_row) = 1
),

final as (
    select
        f.person_key,
        f.program_no,
        f.period,
        f.roster_village as village,
        abs(f.paid_sum - f.approved) as amount,
        case when f.paid_sum < f.approved then 'owed' else 'recover' end as money_kind,
        format('{}核定 {:.2f} 元，实发 {:.2f} 元（{} 笔），{} {:.2f} 元', strftime(f.period, '%Y年%-m月'), f.approved,
               f.paid_sum, f.paid_rows, case when f.paid_sum < f.approved then '少发' else '多发' end,
               abs(f.paid_sum - f.approved)) as explanation,
        list_prepend({'dataset': 'roster', 'row_id': f.roster_row},
                     list({'dataset': 'payments', 'row_id': p.row_id} order by p.paid_date, p.row_id)) as source_rows
    from flagged as f
    join finding_month_payment as p using (person_key, program_no, period)
    group by f.person_key, f.program_no, f.period, f.roster_village, f.roster_row, f.approved, f.paid_sum, f.paid_rows
)

select * from final

-- LATE_PAID 拨付不及时: the first positive payment for (person, program, month) is dated after the month's due day;
-- reports the days late. One-off programs (临时救助) are left out.
with one_off as (
    select cast(list_position($program_names, unnest($one_off)) as tinyint) as program_no
),

flagged as (
    select distinct person_key, program_no, period, first_paid, period + ($due_day - 1) as due
    from finding_month
    where first_paid > period + ($due_day - 1)
      and program_no not in (select program_no from one_off)
),

final as (
    select
        f.person_key,
        f.program_no,
        f.period,
        min(p.village) as village,
        sum(p.amount) as amount,
        cast(f.first_paid - f.due as integer) as days_late,
        format('{}的 {:.2f} 元于 {} 才发放，晚于发放期限 {} {} 天', strftime(f.period, '%Y年%-m月'), sum(p.amount),
               f.first_paid, f.due, f.first_paid - f.due) as explanation,
        list({'dataset': 'payments', 'row_id': p.row_id} order by p.paid_date) as source_rows
    from flagged as f
    join finding_month_payment as p using (person_key, program_no, period)
    group by f.person_key, f.program_no, f.period, f.first_paid, f.due
)

select * from final

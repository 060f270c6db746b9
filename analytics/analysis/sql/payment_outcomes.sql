-- Every expected monthly payment within the filters — active on the roster with an approved amount above zero,
-- 临时救助 aside — and how it went: 按时 (first positive payment by the due day), 迟发, 欠付 (none, due day passed)
-- or 未到期. Grouped to the grain the payment page draws.
with expected as (
    select person_id, program, village, period, monthly_amount
    from roster
    where monthly_amount > 0
      and not list_contains($one_off, program)
      and roster_active(status, start_date, end_date, period, $active_statuses)
      and {{filters}}
),

paid as (
    select person_id, program, period, min(paid_date) as first_paid, sum(amount) as paid
    from payments
    where amount > 0
    group by all
),

outcomes as (
    select
        e.period,
        e.village,
        e.program,
        e.monthly_amount as expected,
        coalesce(p.paid, 0) as paid,
        make_date(year(e.period), month(e.period), $due_day) as due,
        p.first_paid
    from expected as e
    left join paid as p using (person_id, program, period)
),

final as (
    select
        period,
        village,
        program,
        case
            when first_paid is null and $as_of > due then '欠付'
            when first_paid is null then '未到期'
            when first_paid <= due then '按时'
            else '迟发'
        end as outcome,
        case when first_paid > due then date_diff('day', due, first_paid) end as days_late,
        count(*) as payments,
        sum(expected) as expected,
        sum(paid) as paid
    from outcomes
    group by all
)

select * from final
order by period, village, program, outcome

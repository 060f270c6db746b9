-- Every expected monthly payment within the filters — active on the roster with an approved amount above zero,
-- 临时救助 aside — and how it went: 按时 (first positive payment by the due day), 迟发, 欠付 (none, due day passed)
-- or 未到期. Grouped to the grain the payment page draws.
with expected as (
    select person_id, program, village, period, monthly_amount
    from roster
    where monthly_amount > 0
      and program <> '临时救助'
      and coalesce(status, '') in ('', '在保', '正常')
      and (start_date is null or start_date <= last_day(period))
      and (end_date is null or end_date >= period)
      and ($month_from is null or period >= $month_from)
      and ($month_to is null or period <= $month_to)
      and (len($villages) = 0 or list_contains($villages, village))
      and (len($programs) = 0 or list_contains($programs, program))
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

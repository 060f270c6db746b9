-- Every expected monthly payment within the filters — active on the roster with an approved amount above zero,
-- 临时救助 aside — and how it went ($payment_outcomes, the contract's PAYMENT_OUTCOMES): 按时 (first positive payment
-- by the due day), 迟发, 欠付 (none, due day passed, a payments file covers its program, month and village), 未到期,
-- 未上传发放数据 (none, and no payments file covers it: not judged) or 已发放日期不明 (paid, the file has no 发放日期).
-- A payment counts for the month it is for (所属期) and only if made by as_of; a household paid per household (低保)
-- is paid what any of its members was paid. Grouped to the grain the payment page draws.
with expected as (
    select person_id, program, village, period, monthly_amount
    from roster
    where monthly_amount > 0
      and not list_contains($one_off, program)
      and roster_active(status, start_date, end_date, period, $active_statuses)
      and {{filters}}
),

members as (
    -- of a household paid per household, each member other than the head, with the head
    select distinct person_id, program, period, head_id
    from roster
    where list_contains($household_programs, program)
      and head_id <> person_id
),

paid as (
    select
        coalesce(m.head_id, p.person_id) as person_id,
        p.program,
        coalesce(p.paid_for, p.period) as period,
        min(p.paid_date) as first_paid,
        sum(p.amount) as paid
    from payments as p
    left join members as m
        on m.person_id = p.person_id and m.program = p.program and m.period = coalesce(p.paid_for, p.period)
    where p.amount > 0
      and (p.paid_date is null or p.paid_date <= $as_of)
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
        p.first_paid,
        p.person_id is not null as was_paid,
        c.program is not null as covered
    from expected as e
    left join paid as p using (person_id, program, period)
    left join payment_cover($as_of, $village_names) as c
        on c.program = e.program and c.period = e.period and c.village = e.village
),

final as (
    select
        period,
        village,
        program,
        case
            when was_paid and first_paid is null then $payment_outcomes[6]
            when was_paid and first_paid <= due then $payment_outcomes[1]
            when was_paid then $payment_outcomes[2]
            when not covered then $payment_outcomes[5]
            when $as_of > due then $payment_outcomes[3]
            else $payment_outcomes[4]
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

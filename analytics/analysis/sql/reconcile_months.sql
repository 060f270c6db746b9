-- The monthly money reconciliation, per program and month within the filters: 应发 = the approved amounts of the
-- persons active on that month's rosters (a 低保 household's amount is on its head's row); 实发 = the positive
-- payments for that month by 所属期 (paid_for: the month a payment pays for, a 补发 row's own month, not the month
-- it was listed under); 区拨付 and 退回 = the district's transfer for
-- that month and the part sent back (the optional 区拨付资金 dataset; town-wide, so null when $by_village).
with expected as (
    select program, period, sum(monthly_amount) as expected, count(distinct person_id) as persons
    from roster
    where roster_active(status, start_date, end_date, period, $active_statuses)
      and {{filters}}
    group by all
),

paid as (
    select program, period, sum(amount) as paid, count(*) as payments
    from (select program, village, amount, coalesce(paid_for, period) as period from payments) as p
    where amount > 0
      and {{filters}}
    group by all
),

transferred as (
    select program, period, sum(amount) as transferred, sum(coalesce(returned, 0)) as returned
    from transfers
    where not $by_village
      and {{program_months}}
    group by all
),

final as (
    select
        program,
        period,
        e.persons,
        e.expected,
        p.payments,
        coalesce(p.paid, 0) as paid,
        t.transferred,
        t.returned
    from expected as e
    full join paid as p using (program, period)
    full join transferred as t using (program, period)
)

select * from final
order by period, program

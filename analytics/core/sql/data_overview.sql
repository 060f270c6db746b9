-- Rows on the rosters and in the payment lists per month, village and program, within the sidebar filters.
-- A roster lists a person once per program and month, so its rows count persons (count(distinct) is 3x slower
-- at city scale and would hide a person listed twice).
with roster_counts as (
    select
        period,
        village,
        program,
        count(*) as persons,
        sum(monthly_amount) as approved
    from roster
    where {{filters}}
    group by all
),

payment_counts as (
    select
        period,
        village,
        program,
        count(*) as payment_rows,
        sum(amount) as paid
    from payments
    where {{filters}}
    group by all
),

final as (
    select
        coalesce(r.period, p.period) as period,
        coalesce(r.village, p.village) as village,
        coalesce(r.program, p.program) as program,
        coalesce(r.persons, 0) as persons,
        r.approved,
        coalesce(p.payment_rows, 0) as payment_rows,
        p.paid
    from roster_counts as r
    full join payment_counts as p
        on r.period = p.period
        and r.village is not distinct from p.village
        and r.program = p.program
)

select * from final
order by period, village, program

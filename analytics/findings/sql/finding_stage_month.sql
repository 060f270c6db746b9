-- Findings staging: the (person, program, month) rows that a money rule may flag — UNPAID, LATE_PAID, DOUBLE_PAID,
-- AMOUNT_MISMATCH, INACTIVE_PAID, DEATH_PAID. Active roster rows are matched with the positive payments for the month
-- (所属期: a payment listed under a later 发放年月 pays the month it is for; a 0.00 row is not a payment; amounts are
-- never negative, so sums are the same without them; 补发 rows and the rows of a supplementary file are back-pay)
-- on integer person keys, and only rows where something is off are kept: at city scale a few thousand of 12 million.
-- A person listed active twice for one program and month (two villages) gives two rows; the rules keep one. The
-- payment side keeps any one village of its rows: a month paid in several rows is kept whatever its villages.
with active as (
    select
        person_key(person_id) as person_key,
        cast(list_position($program_names, program) as tinyint) as program_no,
        period,
        village,
        monthly_amount as approved,
        rowid as row_id
    from roster
    where period <= $as_of
      and roster_active(status, start_date, end_date, period, $active_statuses)
),

paid as (
    select
        person_key(person_id) as person_key,
        cast(list_position($program_names, program) as tinyint) as program_no,
        coalesce(paid_for, period) as period,
        any_value(village) as village,
        count(*) as paid_rows,
        count(*) filter (where (note is null or note not like '%补发%')
                           and batch_id not in (select batch_id from import_batch where adds)) as counted_rows,
        sum(amount) as paid_sum,
        min(paid_date) as first_paid
    from payments
    where coalesce(paid_for, period) <= $as_of
      and amount > 0
      and (paid_date is null or paid_date <= $as_of)  -- paid after as_of: not paid at as_of
    group by all
),

matched as (
    select
        coalesce(a.person_key, p.person_key) as person_key,
        coalesce(a.program_no, p.program_no) as program_no,
        coalesce(a.period, p.period) as period,
        a.person_key is not null as active,
        a.village as roster_village,
        a.approved,
        a.row_id as roster_row,
        p.village as paid_village,
        coalesce(p.paid_rows, 0) as paid_rows,
        coalesce(p.counted_rows, 0) as counted_rows,
        p.paid_sum,
        p.first_paid
    from active as a
    full join paid as p using (person_key, program_no, period)
),

final as (
    select m.*, d.died, d.death_said, d.death_row
    from matched as m
    left join finding_death as d using (person_key)
    where (m.paid_rows > 0 and not m.active)
       or (m.paid_rows > 0 and m.roster_village is distinct from m.paid_village)
       or m.paid_rows > 1
       or (m.paid_rows = 0 and m.approved > 0 and $as_of > m.period + ($due_day - 1))
       or (m.paid_rows > 0 and m.approved is not null and abs(m.paid_sum - m.approved) > 0.01)
       or m.counted_rows > 1
       or m.first_paid > m.period + ($due_day - 1)
       or (m.paid_rows > 0 and d.died < m.period)
)

select * from final

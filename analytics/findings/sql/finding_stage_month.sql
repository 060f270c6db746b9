-- Findings staging: the (person, program, month) rows that a money rule may flag — UNPAID, LATE_PAID, DOUBLE_PAID,
-- AMOUNT_MISMATCH, INACTIVE_PAID, DEATH_PAID. Active roster rows are matched with the positive payments for the month
-- (所属期: a payment listed under a later 发放年月 pays the month it is for; a 0.00 row is not a payment; amounts are
-- never negative, so sums are the same without them; 补发 rows and the rows of a supplementary file are back-pay)
-- on integer person keys, and only rows where something is off are kept: at city scale a few thousand of 12 million.
-- A household of a program paid per household (低保, linked by 户主身份证号) is one row under its head's key: its
-- expected money is what its rows carry (the household amount once, or each member's share; the head's own row
-- counts even without one), its paid money what its members were paid (finding_member).
-- A person listed active twice for one program and month (two villages) gives two rows; the rules keep one. The
-- payment side keeps any one village of its rows: a month paid in several rows is kept whatever its villages.
-- Most months of a person, or of a household under its head's key, are one roster row and one payment of its amount,
-- in its village, on time: nothing to flag. So only persons with a program whose months do not pair up (and the
-- dead) go through the matching below. A program's months pair up when each side lists each month once (a bit per
-- month back from $as_of: as many bits as rows), both sides list the same months, and the prints (month, village,
-- amount, late or not) add up alike: one grouping on (person, program) spares the full join and the per-month
-- grouping of every payment. A month listed twice on one side (two villages' rosters, two payments) never pairs up.
-- This check keys persons by the hash of the ID's text, cheaper than the integer key: two IDs that share a hash only
-- send both persons to the full match.
with household_paid as (
    select
        person_key(person_id) as person_key,
        hash(person_id) as person_hash,
        program,
        cast(list_position($program_names, program) as tinyint) as program_no,
        coalesce(paid_for, period) as period,
        village,
        amount,
        paid_date,
        back_pay(note, batch_id) as back_pay
    from payments
    where coalesce(paid_for, period) <= $as_of
      and amount > 0
      and (paid_date is null or paid_date <= $as_of)
      and list_contains($household_programs, program)
),

sides as (
    -- a household of a program paid per household under its head's key, its rows that carry its money
    select
        hash(coalesce(case when list_contains($household_programs, program) then head_id end, person_id))
            as person_hash,
        program,
        date_diff('month', period, $as_of) as months_back,
        hash(period, village, monthly_amount, false) as print,
        true as on_roster
    from roster
    where period <= $as_of
      and roster_active(status, start_date, end_date, period, $active_statuses)
      and (not list_contains($household_programs, program) or head_id is null
           or monthly_amount is not null or head_id = person_id)
    union all
    select
        hash(person_id) as person_hash,
        program,
        date_diff('month', coalesce(paid_for, period), $as_of) as months_back,
        hash(coalesce(paid_for, period), village, amount,
             coalesce(paid_date > coalesce(paid_for, period) + ($due_day - 1), false)) as print,
        false as on_roster
    from payments
    where coalesce(paid_for, period) <= $as_of
      and amount > 0
      and (paid_date is null or paid_date <= $as_of)
      and not list_contains($household_programs, program)
    union all
    -- a payment to a member of a household counts as the household's
    select
        coalesce(m.unit_hash, p.person_hash) as person_hash,
        p.program,
        date_diff('month', p.period, $as_of) as months_back,
        hash(p.period, p.village, p.amount, coalesce(p.paid_date > p.period + ($due_day - 1), false)) as print,
        false as on_roster
    from household_paid as p
    left join finding_member as m using (person_key, program_no, period)
),

months as (
    -- a month more than 126 back has no bit of its own (a hugeint's 127): its person is matched in full
    select person_hash, program, print, on_roster, months_back > 126 as unmarked,
           1::hugeint << least(months_back, 126)::hugeint as month_bit
    from sides
),

unsettled as (
    select person_hash
    from months
    group by person_hash, program
    having bool_or(unmarked)
        or count(*) filter (where on_roster) <> count(*) filter (where not on_roster)
        or bit_count(bit_or(month_bit) filter (where on_roster)) <> count(*) filter (where on_roster)
        or bit_or(month_bit) filter (where on_roster) is distinct from bit_or(month_bit) filter (where not on_roster)
        or sum(print) filter (where on_roster) is distinct from sum(print) filter (where not on_roster)
    union
    select hash(person_id) from crosscheck where list_contains($death_sources, source)
),

active as (
    select
        person_key(person_id) as person_key,
        cast(list_position($program_names, program) as tinyint) as program_no,
        period,
        village,
        monthly_amount as approved,
        rowid as row_id,
        false as household
    from roster
    where period <= $as_of
      and roster_active(status, start_date, end_date, period, $active_statuses)
      and not (list_contains($household_programs, program) and head_id is not null)
      and hash(person_id) in (select person_hash from unsettled)
    union all
    select
        person_key(head_id) as person_key,
        cast(list_position($program_names, program) as tinyint) as program_no,
        period,
        village,
        sum(monthly_amount) as approved,
        arg_max(rowid, coalesce(monthly_amount, 0)) as row_id,
        true as household
    from roster
    where period <= $as_of
      and roster_active(status, start_date, end_date, period, $active_statuses)
      and list_contains($household_programs, program)
      and head_id is not null
      and (monthly_amount is not null or head_id = person_id)
      and hash(head_id) in (select person_hash from unsettled)
    group by all
),

paid as (
    -- programs paid per person: each person's payments for the month
    select
        person_key(person_id) as person_key,
        cast(list_position($program_names, program) as tinyint) as program_no,
        coalesce(paid_for, period) as period,
        any_value(village) as village,
        count(*) as paid_rows,
        count(*) filter (where not back_pay(note, batch_id)) as counted_rows,
        sum(amount) as paid_sum,
        min(paid_date) as first_paid
    from payments
    where coalesce(paid_for, period) <= $as_of
      and amount > 0
      and (paid_date is null or paid_date <= $as_of)  -- paid after as_of: not paid at as_of
      and not list_contains($household_programs, program)
      and hash(person_id) in (select person_hash from unsettled)
    group by all
    union all
    -- programs paid per household: what its members were paid, under the household's key
    select
        coalesce(m.unit_key, p.person_key) as person_key,
        p.program_no,
        p.period,
        any_value(p.village) as village,
        count(*) as paid_rows,
        count(*) filter (where not p.back_pay) as counted_rows,
        sum(p.amount) as paid_sum,
        min(p.paid_date) as first_paid
    from household_paid as p
    left join finding_member as m using (person_key, program_no, period)
    where coalesce(m.unit_hash, p.person_hash) in (select person_hash from unsettled)
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
        -- a household paid in several rows (to several members) is paid twice only when paid more than its amount
        case when a.household and p.paid_sum <= a.approved + 0.01 then least(p.counted_rows, 1)
             else coalesce(p.counted_rows, 0) end as counted_rows,
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

-- Findings staging: the positive payment rows for the flagged (person, program, month 所属期) of finding_month, found
-- by their IDs as text (few rows), with "their village": the row's own, else the person's roster village that month.
with payees as (
    -- the flagged person, and of a flagged household (finding_member) its other members, under the household's key
    select person_key as payee_key, person_key, program_no, period
    from finding_month
    where paid_rows > 0
    union all
    select m.person_key, f.person_key, f.program_no, f.period
    from finding_month as f
    join finding_member as m on m.unit_key = f.person_key and m.program_no = f.program_no and m.period = f.period
    where f.paid_rows > 0
),

flagged as (
    select distinct person_id_of(payee_key) as person_id, $program_names[program_no] as program, period, person_key,
        program_no
    from payees
),

rows as (
    select
        f.person_key,
        f.program_no,
        f.period,
        p.village,
        p.amount,
        p.paid_date,
        back_pay(p.note, p.batch_id) as back_pay,
        p.rowid as row_id,
        p.person_id
    from payments as p
    join flagged as f on f.person_id = p.person_id and f.program = p.program
        and f.period = coalesce(p.paid_for, p.period)
    where p.amount > 0
      and (p.paid_date is null or p.paid_date <= $as_of)
),

roster_village as (
    select r.person_id, r.period, min(r.village) as village
    from roster as r
    semi join rows as w on w.person_id = r.person_id and w.period = r.period and w.village is null
    group by all
)

select r.* exclude (person_id) replace (coalesce(r.village, v.village) as village)
from rows as r
left join roster_village as v on r.village is null and v.person_id = r.person_id and v.period = r.period

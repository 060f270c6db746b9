-- Rules that ran but could not judge some rows, and how many: a payment without 发放日期 (a 一卡通 清册 has none) was
-- paid, but LATE_PAID cannot tell whether it was late; a (program, village, month) with an active roster and no
-- payments file covering it (finding_paid_cover) cannot be judged for UNPAID.
select 'LATE_PAID' as code, count(*) as rows
from payments
where paid_date is null
  and amount > 0
  and period <= $as_of
having count(*) > 0

union all

select 'UNPAID', count(distinct (m.program_no, m.roster_village, m.period))
from finding_month as m
anti join finding_paid_cover as c
    on c.program_no = m.program_no and c.period = m.period and c.village = m.roster_village
where m.active
  and m.approved > 0
  and m.paid_rows = 0
  and $as_of > m.period + ($due_day - 1)
  and not list_contains($one_off, $program_names[m.program_no])
having count(*) > 0

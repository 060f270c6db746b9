-- Rules that ran but could not judge some rows, and how many: a payment without 发放日期 (a 一卡通 清册 has none) was
-- paid, but LATE_PAID cannot tell whether it was late.
select 'LATE_PAID' as code, count(*) as rows
from payments
where paid_date is null
  and amount > 0
  and period <= $as_of
having count(*) > 0

-- Money paid for one month (positive rows whose 所属期 it is), within the village and program filters.
select count(*) as payments, coalesce(sum(amount), 0) as paid
from payments
where coalesce(paid_for, period) = $month
  and amount > 0
  and {{filters}}

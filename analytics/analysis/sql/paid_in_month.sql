-- Money paid for one month (positive rows listed under it), within the village and program filters.
select count(*) as payments, coalesce(sum(amount), 0) as paid
from payments
where period = $month
  and amount > 0
  and {{filters}}

-- Money paid for one month (positive rows listed under it), within the village and program filters.
select count(*) as payments, coalesce(sum(amount), 0) as paid
from payments
where period = $month
  and amount > 0
  and (len($villages) = 0 or list_contains($villages, village))
  and (len($programs) = 0 or list_contains($programs, program))

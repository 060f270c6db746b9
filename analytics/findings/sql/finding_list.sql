-- The stored findings within the sidebar filters and the chosen codes (an empty list means all). A finding keyed
-- without a month (DEAD_ON_ROSTER, STAFF_KIN, …) shows whatever the month range, one keyed without a program
-- (NOT_VISITED, CROSSCHECK_HIT, …) whatever the programs; a program matches either program of an EXCLUSIVE_DUP pair.
select *
from finding
where (len($codes) = 0 or list_contains($codes, code))
  and {{filters}}
order by code, village, person_id, period, bank_account, institution, item

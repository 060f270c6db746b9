-- The imported rectification ledger, within the village filter.
select *
from issues
where (len($villages) = 0 or list_contains($villages, village))
order by deadline nulls last, issue_no

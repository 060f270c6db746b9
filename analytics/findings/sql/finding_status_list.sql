-- Each rule's status from the last refresh, in the order of the code table (analytics/findings/codes.py).
select code, status, count, missing, as_of, computed_at
from finding_status
order by rowid

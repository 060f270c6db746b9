-- The villages (村(居)/单位) of the given issues, to check them against the user's scope.
select distinct village
from ledger_issue
where list_contains($issue_nos, issue_no)

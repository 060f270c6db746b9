-- One ledger issue by its number.
select *
from ledger_issue
where issue_no = $issue_no

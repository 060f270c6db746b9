-- The re-check outcome of every issue made from findings.
select issue_no, recheck
from ledger_issue
where baseline_month is not null

-- The change log of the given issues, by issue and in order.
select issue_no, done_at, done_by, action, from_status, to_status, changes, note
from ledger_event
where list_contains($issue_nos, issue_no)
order by issue_no, event_no

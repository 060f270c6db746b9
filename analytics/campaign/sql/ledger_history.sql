-- Every change of one issue, oldest first.
select done_at, done_by, action, from_status, to_status, changes, note
from ledger_event
where issue_no = $issue_no
order by event_no

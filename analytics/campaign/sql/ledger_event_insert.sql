-- One entry of the ledger's append-only change log.
insert into ledger_event
values (nextval('ledger_event_seq'), $issue_no, $action, $from_status, $to_status, $changes, $note, $user, now())

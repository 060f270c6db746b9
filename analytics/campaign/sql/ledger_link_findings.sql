-- Link an issue to the current findings it is made from, with their program and money; returns how many were linked.
insert into ledger_finding
select $issue_no, finding_key, code, finding_subject(finding_key), period is not null, person_id, period, program,
       amount, money_kind
from finding
where list_contains($keys, finding_key)

-- The findings an issue was made from, and whether the same problem is among the current findings (any month).
select
    l.code,
    l.person_id,
    l.period,
    l.finding_key,
    exists (select 1 from finding as f where finding_subject(f.finding_key) = l.subject_key) as still_found
from ledger_finding as l
where l.issue_no = $issue_no
order by l.code, l.period, l.person_id

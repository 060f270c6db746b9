-- Which of the given ledger issue numbers and finding keys exist (a lead links only to what the store holds).
select
    (select list(issue_no order by issue_no) from ledger_issue where list_contains($issue_nos, issue_no)) as issues,
    (select list(distinct finding_key order by finding_key) from finding where list_contains($finding_keys, finding_key))
        as findings

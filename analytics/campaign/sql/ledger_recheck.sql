-- Re-check the issues made from findings against the stored findings, whose data reach $month (null: no data). Only a
-- month after the issue's baseline month counts: its problem found again there (or, for a problem without a month,
-- still found) → 整改未见效; not found → 可销号; no later month of data yet → no outcome.
with found_again as (
    select distinct l.issue_no
    from ledger_finding as l
    join ledger_issue as i using (issue_no)
    join finding as f on f.code = l.code and finding_subject(f.finding_key) = l.subject_key
    where not l.keyed_by_month or f.period > i.baseline_month
),

outcome as (
    select
        i.issue_no,
        case
            when cast($month as date) is null or cast($month as date) <= i.baseline_month then null
            when i.issue_no in (select issue_no from found_again) then '整改未见效'
            else '可销号'
        end as recheck
    from ledger_issue as i
    where i.baseline_month is not null
)

update ledger_issue
set recheck = outcome.recheck,
    recheck_month = case when outcome.recheck is not null then cast($month as date) end
from outcome
where ledger_issue.issue_no = outcome.issue_no

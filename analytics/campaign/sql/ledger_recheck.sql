-- Re-check the issues made from findings against the stored findings, whose data reach $month (null: no data). Only a
-- month after the issue's baseline month counts: its problem found again there (or, for a problem without a month,
-- still found) → $not_effective. Not found again, an issue made from money findings closes only with its money:
-- owed money (UNPAID, AMOUNT_MISMATCH 少发) needs the month's payments to reach the approved amount → else
-- $awaiting_payment; money paid wrongly (money kind recover) needs 追回金额 to reach its amount → else
-- $awaiting_recovery. Otherwise → $ready_to_close; no later month of data yet → no outcome.
with found_again as (
    select distinct l.issue_no
    from ledger_finding as l
    join ledger_issue as i using (issue_no)
    join finding as f on f.code = l.code and finding_subject(f.finding_key) = l.subject_key
    where not l.keyed_by_month or f.period > i.baseline_month
),

owed as (
    select l.issue_no, l.person_id, l.program, l.period, max(l.amount) as amount
    from ledger_finding as l
    where l.money_kind = 'owed'
      and l.code in ('UNPAID', 'AMOUNT_MISMATCH')
    group by all
),

-- only the owed (person, program, month) keys are summed: a whole city's payments and rosters are not
paid as (
    -- by 所属期: back pay listed under a later month pays the month it is for
    select p.person_id, p.program, coalesce(p.paid_for, p.period) as period, sum(p.amount) as paid
    from payments as p
    semi join owed as o
        on o.person_id = p.person_id and o.program = p.program and o.period = coalesce(p.paid_for, p.period)
    where p.amount > 0
    group by all
),

approved as (
    select person_id, program, period, max(monthly_amount) as approved
    from roster
    semi join owed using (person_id, program, period)
    group by all
),

still_owed as (
    select distinct o.issue_no
    from owed as o
    left join paid as p using (person_id, program, period)
    left join approved as r using (person_id, program, period)
    where coalesce(p.paid, 0) < coalesce(r.approved, o.amount) - 0.005
),

not_recovered as (
    select l.issue_no
    from ledger_finding as l
    join ledger_issue as i using (issue_no)
    where l.money_kind = 'recover'
    group by l.issue_no, i.recovered
    having coalesce(i.recovered, 0) < sum(l.amount) - 0.005
),

outcome as (
    select
        i.issue_no,
        case
            when cast($month as date) is null or cast($month as date) <= i.baseline_month then null
            when i.issue_no in (select issue_no from found_again) then $not_effective
            when i.issue_no in (select issue_no from still_owed) then $awaiting_payment
            when i.issue_no in (select issue_no from not_recovered) then $awaiting_recovery
            else $ready_to_close
        end as recheck
    from ledger_issue as i
    where i.baseline_month is not null
)

update ledger_issue
set recheck = outcome.recheck,
    recheck_month = case when outcome.recheck is not null then cast($month as date) end
from outcome
where ledger_issue.issue_no = outcome.issue_no

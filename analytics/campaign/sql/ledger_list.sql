-- The ledger within the village filter at $as_of: days left and the overdue bucket of each open issue, how many
-- findings it was made from; open issues first, the most urgent first.
select
    i.*,
    case when i.status <> $issue_closed then i.deadline - cast($as_of as date) end as days_left,
    case
        when i.status = $issue_closed then $issue_closed
        when i.deadline is null then '未定时限'
        when i.deadline < $as_of then '已超期'
        when i.deadline - cast($as_of as date) <= 10 then '剩余≤10天'
        when i.deadline - cast($as_of as date) <= 20 then '剩余≤20天'
        else '20天以上'
    end as bucket,
    coalesce(f.findings, 0) as findings
from ledger_issue as i
left join (select issue_no, count(*) as findings from ledger_finding group by issue_no) as f using (issue_no)
where {{filters}}
order by i.status = $issue_closed, i.deadline nulls last, i.issue_no

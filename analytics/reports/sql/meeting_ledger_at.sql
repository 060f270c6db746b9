-- The ledger as its business dates put it at $as_of, within the village filter: an issue counts from its 发现日期
-- (one without a 发现日期 counts at any date), is open until its 销号日期, and is overdue while open past its
-- 整改时限. Statuses the ledger holds now are kept as `status`; the counts at a past date never read them.
with issues as (
    select
        *,
        coalesce(found_date <= $as_of, true) as found,
        coalesce(found_date <= $as_of, true) and (closed_date is null or closed_date > $as_of) as is_open
    from ledger_issue
    where {{filters}}
),

final as (
    select
        issue_no,
        village,
        focus,
        category,
        description,
        found_date,
        deadline,
        status,
        closed_date,
        amount,
        recovered,
        responsible_unit,
        responsible_person,
        referred,
        found,
        is_open,
        is_open and deadline < $as_of as overdue,
        case when is_open then deadline - cast($as_of as date) end as days_left,
        case
            when not found then '未发现'
            when not is_open then $issue_closed
            when deadline is null then '未定时限'
            when deadline < $as_of then '已超期'
            when deadline - cast($as_of as date) <= 10 then '剩余≤10天'
            when deadline - cast($as_of as date) <= 20 then '剩余≤20天'
            else '20天以上'
        end as bucket
    from issues
)

select * from final
order by not is_open, deadline nulls last, issue_no

-- Findings per code within the sidebar filters, every rule listed in the order of the code table (bound lists from
-- analytics/findings/codes.py): a rule waiting for data shows 缺少数据 and no count, never a zero.
with codes as (
    select
        unnest($codes) as code,
        unnest($titles) as title,
        unnest($focuses) as focus,
        unnest($severities) as severity,
        generate_subscripts($codes, 1) as position
),

counted as (
    select code, count(*) as findings, count(distinct person_id) as persons, sum(amount) as amount
    from finding_counted
    where {{filters}}
    group by code
),

final as (
    select
        c.position,
        c.code,
        c.title,
        c.focus,
        c.severity,
        coalesce(s.status, '未计算') as status,
        s.missing,
        case when s.status = 'ok' then coalesce(n.findings, 0) end as findings,
        case when s.status = 'ok' then coalesce(n.persons, 0) end as persons,
        case when s.status = 'ok' then coalesce(n.amount, 0) end as amount
    from codes as c
    left join finding_status as s using (code)
    left join counted as n using (code)
)

select * exclude (position) from final
order by position

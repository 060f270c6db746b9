-- INACTIVE_PAID 非在保对象领取: paid for month M, a roster of (program, their village, M) exists, and the person is
-- not active in it — or rosters of (program, M) exist and the person is on none of them, whatever their village.
-- Their village: the payment row's, else their roster village that month (finding_month_payment).
with candidates as (
    select distinct person_key, program_no, period
    from finding_month
    where paid_rows > 1
       or (paid_rows > 0 and (not active or roster_village is distinct from paid_village))
),

paid as (
    select
        p.person_key,
        person_id_of(p.person_key) as person_id,
        p.program_no,
        $program_names[p.program_no] as program,
        p.period,
        p.village,
        sum(p.amount) as amount,
        list({'dataset': 'payments', 'row_id': p.row_id} order by p.paid_date) as rows
    from finding_month_payment as p
    semi join candidates as c
        on c.person_key = p.person_key and c.program_no = p.program_no and c.period = p.period
    group by all
),

listed as (
    -- the person's rows on that roster, whatever their status
    select
        r.person_id,
        r.program,
        r.period,
        r.village,
        bool_or(roster_active(r.status, r.start_date, r.end_date, r.period, $active_statuses)) as active,
        min(r.status) filter (where not status_active(r.status, $active_statuses)) as status,
        list({'dataset': 'roster', 'row_id': r.rowid} order by r.rowid) as rows
    from roster as r
    semi join paid as p
        on p.person_id = r.person_id and p.program = r.program and p.period = r.period and p.village = r.village
    group by all
),

nowhere as (
    -- paid for a month whose rosters of the program (any village) were uploaded, and listed on none of them: whatever
    -- the payment's village says, or when the file names none
    select p.person_id, p.program_no, p.period
    from paid as p
    semi join (select distinct program_no, period from finding_roster_month) as m using (program_no, period)
    anti join roster as r on r.person_id = p.person_id and r.program = p.program and r.period = p.period
),

final as (
    select
        p.person_key,
        p.program_no,
        p.period,
        p.village,
        p.amount,
        format('{}{}{}名册中{}，但仍发放 {:.2f} 元', strftime(p.period, '%Y年%-m月'), coalesce(p.village, ''), p.program,
               case when l.person_id is null then '无此人'
                    when l.status is not null then '该对象状态为“' || l.status || '”'
                    else '该对象不在保障期内' end,
               p.amount) as explanation,
        p.rows || coalesce(l.rows, []) as source_rows
    from paid as p
    left join finding_roster_month as m using (program_no, village, period)
    left join listed as l using (person_id, program, period, village)
    left join nowhere as n using (person_id, program_no, period)
    where (m.program_no is not null and not coalesce(l.active, false))
       or n.person_id is not null
)

select * from final

-- Scale generator, step 4: the monthly payment lists (one CSV batch per month) with the money plants: a second row
-- (DOUBLE_PAID), 30 元 short (AMOUNT_MISMATCH), a missing month (UNPAID), paid in May for April (LATE_PAID), collected
-- by a stranger (PROXY_UNAGREED) or by a village cadre (STAFF_PROXY), paid onto a neighbour's card (SHARED_ACCOUNT),
-- plus the month's one-off 临时救助, a few in cash and, planted, without a filing number (TEMP_CASH_UNFILED).
with months as (
    select unnest(range(1, 13)) as m
),

due as (
    select e.*, m, 0 as copy
    from scale_enrolment as e
    join months on m >= e.first_m
    where e.pays and not (e.plant = 6 and m = 9)
    union all
    select e.*, 5, 1
    from scale_enrolment as e
    where e.pays and e.plant = 3
),

monthly as (
    select
        $payment_batches[m] as batch_id,
        cast(e + 1 + copy * $enrolments as integer) as row_no,
        m,
        d.i,
        program,
        d.v,
        amount + case when rises and m >= 10 then 10 else 0 end
            + case when plant = 4 and m = 3 then -30 else 0 end as amount,
        case when plant = 7 and m = 4 then date '2022-05-06'
             else make_date(2022, m, [12, 15, 18, 20, 25, 28][1 + cast(hash($seed, d.i, m, copy) % 6 as integer)])
             end as paid_date,
        case when sub_type = '集中' then null
             when plant = 8 and m = 8 then $temp_first + d.i % $temp_count
             when plant = 9 and m = 7 then $staff_first + 4 + 2 * d.v
             else payee_i end as payee_i,
        case when sub_type = '集中' then '9' || lpad(cast(d.v as varchar), 10, '0') || len(program)
             when plant = 10 and m = 5 then '6231' || lpad(cast(d.i + 1 as varchar), 14, '0') end as account,
        '银行' as method,
        null as filing_no
    from due as d
),

relief as (
    select
        $payment_batches[m] as batch_id,
        cast(2 * $enrolments + 1 + i as integer) as row_no,
        m,
        i,
        '临时救助' as program,
        v,
        cast([500, 800, 1000, 1500, 2000][1 + cast(hash($seed, i, 'relief') % 5 as integer)] as decimal(12, 2))
            as amount,
        make_date(2022, m, 5 + cast(hash($seed, i, 'day') % 20 as integer)) as paid_date,
        i as payee_i,
        null as account,
        case when cash then '现金' else '银行' end as method,
        case when hash($seed, i, 'cash') % 40 = 0 then '庆民临备〔2022〕' || i || '号' end as filing_no
    from (select *, 1 + cast(hash($seed, i, 'month') % 12 as integer) as m,
                 hash($seed, i, 'cash') % 40 = 0 or plant = 16 as cash
          from scale_person where kind = 'temp')
),

final as (
    select
        r.batch_id,
        '' as sheet,
        r.row_no,
        make_date(2022, r.m, 1) as period,
        p.person_id,
        p.name,
        r.program,
        cast(r.amount as decimal(12, 2)) as amount,
        r.paid_date,
        $village_names[r.v + 1] as village,
        null as head_id,
        null as head_name,
        payee.person_id as payee_id,
        payee.name as payee_name,
        case when r.method = '银行' then coalesce(r.account, payee.account) end as bank_account,
        '重庆农村商业银行' as bank_name,
        r.method,
        r.filing_no,
        null as note,
        make_date(2022, r.m, 1) as batch_period
    from (select * from monthly union all select * from relief) as r
    join scale_person as p on p.i = r.i
    left join scale_person as payee on payee.i = r.payee_i
)

select * from final

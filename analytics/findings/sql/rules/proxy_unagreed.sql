-- PROXY_UNAGREED 代领未签协议或未备案: a positive payment collected by someone who is neither the beneficiary nor
-- the household head, without an agreement for that proxy signed and filed by the paid date and still valid on it.
-- Payee: the payee ID; if absent, the payee name (compared with the beneficiary's and the head's); if both absent,
-- the beneficiary. Head: the row's 户主身份证号, else the head on the person's roster row that month (same program
-- first), else the person. Few rows are collected by others, so this reads the live rows by their IDs as text.
with collected as (
    select rowid as row_id, person_id, name, program, period, village, amount, paid_date, head_id, head_name,
        payee_id, payee_name
    from payments
    where period <= $as_of
      and amount > 0
      and ((payee_id is not null and payee_id <> person_id)
           or (payee_id is null and payee_name is not null and payee_name is distinct from name))
      and not (len(list_filter($institution_words, lambda w: contains(coalesce(payee_name, ''), w))) > 0
               or payee_name in (select name from institutions))  -- an institution's account: 集中供养, not a proxy
),

with_head as (
    select
        c.*,
        coalesce(c.head_id, r.head_id, c.person_id) as household_id,
        coalesce(c.head_name, r.head_name) as household_head_name
    from collected as c
    left join roster as r
        on r.person_id = c.person_id and r.period = c.period and r.head_id is not null
    qualify row_number() over (partition by c.row_id order by r.program is distinct from c.program, r.head_id) = 1
),

by_proxy as (
    select *
    from with_head
    where case when payee_id is not null then payee_id <> household_id
               else payee_name is distinct from household_head_name end
),

judged as (
    -- each proxied row with the agreement for this proxy that comes closest to counting (a counting one first)
    select
        b.*,
        coalesce(a.signed_date <= b.paid_date
                 and a.filed_date <= b.paid_date
                 and (a.valid_until is null or a.valid_until >= b.paid_date), false) as agreed,
        a.signed_date,
        a.filed_date,
        a.valid_until,
        case when a.person_id is not null then {'dataset': 'proxy_agreements', 'row_id': a.rowid} end as agreement_row
    from by_proxy as b
    left join proxy_agreements as a
        on a.person_id = b.person_id
        and (a.proxy_id = b.payee_id
             or ((a.proxy_id is null or b.payee_id is null) and a.proxy_name = b.payee_name))
    qualify row_number() over (partition by b.row_id order by agreed desc, a.signed_date desc nulls last) = 1
),

final as (
    select
        person_key(j.person_id) as person_key,
        cast(list_position($program_names, j.program) as tinyint) as program_no,
        j.period,
        min(j.village) as village,
        sum(j.amount) as amount,
        format('{}由 {} 代领 {:.2f} 元（{} 发放），{}', strftime(j.period, '%Y年%-m月'),
               min(coalesce(j.payee_name, '') || coalesce('（' || j.payee_id || '）', '')), sum(j.amount),
               min(j.paid_date),
               min(case when j.agreement_row is null then '无该代领人的代领协议'
                        when j.signed_date > j.paid_date then format('代领协议 {} 才签订', j.signed_date)
                        when j.filed_date is null then '代领协议未报区民政局备案'
                        when j.filed_date > j.paid_date then format('代领协议 {} 才备案', j.filed_date)
                        else format('代领协议已于 {} 到期', j.valid_until) end)) as explanation,
        list({'dataset': 'payments', 'row_id': j.row_id} order by j.paid_date)
            || coalesce(list(distinct j.agreement_row) filter (where j.agreement_row is not null), [])
            as source_rows
    from judged as j
    where not j.agreed
    group by j.person_id, j.program, j.period
)

select * from final

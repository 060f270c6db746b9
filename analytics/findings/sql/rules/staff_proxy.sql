-- STAFF_PROXY 工作人员代领: the payee ID of a positive payment is on the staff list as 工作人员 or 村干部 and is not
-- the beneficiary.
with staff as (
    select
        person_id as staff_id,
        name as staff_name,
        kind,
        coalesce(unit, '') || coalesce(role, '') as post,
        {'dataset': 'staff', 'row_id': rowid} as row_ref
    from staff
    where kind in ('工作人员', '村干部')
    qualify row_number() over (partition by person_id order by kind, row_no) = 1
),

collected as (
    select p.rowid as row_id, p.person_id, p.program, p.period, p.village, p.amount, p.paid_date, s.*
    from payments as p
    join staff as s on s.staff_id = p.payee_id
    where p.period <= $as_of
      and p.amount > 0
      and p.payee_id <> p.person_id
      and not (len(list_filter($institution_words, lambda w: contains(coalesce(p.payee_name, ''), w))) > 0
               or p.payee_name in (select name from institutions))  -- an institution's account: 集中供养, not a proxy
),

final as (
    select
        person_key(c.person_id) as person_key,
        cast(list_position($program_names, c.program) as tinyint) as program_no,
        c.period,
        min(c.village) as village,
        sum(c.amount) as amount,
        format('{}由{} {}（{}）代领 {:.2f} 元', strftime(c.period, '%Y年%-m月'), c.kind, c.staff_name, c.post,
               sum(c.amount)) as explanation,
        list_append(list({'dataset': 'payments', 'row_id': c.row_id} order by c.paid_date), c.row_ref)
            as source_rows
    from collected as c
    group by c.person_id, c.program, c.period, c.kind, c.staff_name, c.post, c.row_ref
)

select * from final

-- Scale generator: a filed 代领协议 for every guardian or proxy who collects for someone else.
with proxied as (
    select distinct e.i, e.payee_i
    from scale_enrolment as e
    where e.payee_i <> e.i and e.program <> '低保'
),

final as (
    select
        $batch_id as batch_id,
        '' as sheet,
        cast(row_number() over (order by x.i) + 1 as integer) as row_no,
        p.person_id,
        p.name,
        g.name as proxy_name,
        g.person_id as proxy_id,
        case when p.kind = 'aged' then '子女' else '祖父母' end as relation,
        date '2021-01-01' + cast(hash($seed, x.i, 'signed') % 300 as integer) as signed_date,
        date '2021-01-11' + cast(hash($seed, x.i, 'signed') % 300 as integer) as filed_date,
        null as valid_until
    from proxied as x
    join scale_person as p on p.i = x.i
    join scale_person as g on g.i = x.payee_i
)

select * from final

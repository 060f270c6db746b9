-- Scale generator, step 3: the monthly rosters (one CSV batch per month), with the planted 停发 rows.
with months as (
    select unnest(range(1, 13)) as m
),

final as (
    select
        $roster_batches[m] as batch_id,
        '' as sheet,
        cast(e + 1 as integer) as row_no,
        p.person_id,
        p.name,
        $village_names[e.v + 1] as village,
        e.program,
        case when e.amount is not null then e.amount + case when e.rises and m >= 10 then 10 else 0 end end
            as monthly_amount,
        make_date(2022, m, 1) as period,
        case when e.program = '低保' then '庆低' || p.head_i end as household_id,
        h.person_id as head_id,
        h.name as head_name,
        e.household_size,
        e.sub_type,
        e.level as disability_level,
        date '2015-01-01' + cast(hash($seed, e.i, 'start') % 2500 as integer) as start_date,
        case when e.plant = 1 and m >= 9 then date '2022-08-31' end as end_date,
        case when e.plant = 1 and m >= 9 then '停发' when e.program = '特困供养' then '正常' else '在保' end
            as status,
        case when e.pays and e.sub_type = '集中' then '9' || lpad(cast(e.v as varchar), 10, '0') || len(e.program)
             when e.pays then payee.account end as bank_account,
        case when e.pays then '重庆农村商业银行' end as bank_name,
        (1 + hash($seed, e.i, 'group') % 8) || '组' as group_name,
        make_date(2022, m, 1) as batch_period
    from scale_enrolment as e
    join months on m >= e.first_m
    join scale_person as p on p.i = e.i
    left join scale_person as h on h.i = p.head_i
    left join scale_person as payee on payee.i = e.payee_i
)

select * from final

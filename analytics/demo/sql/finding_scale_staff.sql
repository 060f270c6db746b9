-- Scale generator: the town offices' staff, two cadres per village, and (planted STAFF_KIN) recipients who are a
-- cadre's close kin.
with staff as (
    select
        i,
        case when j < 4 then '工作人员' else '村干部' end as kind,
        case when j < 4 then '民政和社会事务办' else $village_names[(j - 4) // 2 + 1] end as unit,
        case when j < 4 then '工作人员' when j % 2 = 0 then '党委书记' else '委员会主任' end as role,
        null as related_i
    from scale_person
    where kind = 'staff'
),

kin as (
    select i, '近亲属', $village_names[v + 1], null, $staff_first + 4 + 2 * v
    from scale_person
    where plant = 11 and kind not in ('staff', 'temp', 'guardian', 'potential')
),

final as (
    select
        $batch_id as batch_id,
        '' as sheet,
        cast(row_number() over (order by s.i) + 1 as integer) as row_no,
        p.person_id,
        p.name,
        s.unit,
        s.role,
        s.kind,
        r.person_id as related_staff_id,
        case when s.related_i is not null then '父子' end as relation
    from (select * from staff union all select * from kin) as s
    join scale_person as p on p.i = s.i
    left join scale_person as r on r.i = s.related_i
)

select * from final

-- Scale generator: a monthly visit to everyone who must be visited; the NOT_VISITED plants miss November and December.
with due as (
    select distinct e.i, e.v, e.plant
    from scale_enrolment as e
    where (e.program = '特困供养' and e.sub_type = '分散') or (e.program = '孤儿' and e.sub_type = '散居')
       or e.program = '事实无人抚养儿童'
),

final as (
    select
        $batch_id as batch_id,
        '' as sheet,
        cast(row_number() over (order by d.i, m) + 1 as integer) as row_no,
        p.person_id,
        p.name,
        make_date(2022, m, 1) + cast(hash($seed, d.i, m, 'visit') % 28 as integer) as visit_date,
        $village_names[d.v + 1] || '村干部' as visitor,
        '身体状况良好，生活有保障' as note,
        $village_names[d.v + 1] as village,
        make_date(2022, m, 1) as batch_period
    from due as d
    join (select unnest(range(1, 13)) as m) as months on not (d.plant = 15 and m >= 11)
    join scale_person as p on p.i = d.i
)

select * from final

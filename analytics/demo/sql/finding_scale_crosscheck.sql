-- Scale generator: cross-check records: planted deaths in June (DEATH_PAID, DEAD_ON_ROSTER) and vehicles
-- (CROSSCHECK_HIT), for recipients only.
with hits as (
    select i, '死亡' as source, date '2022-06-10' as event_date, '公安户籍比对' as detail
    from scale_person
    where plant = 0 and kind not in ('staff', 'temp', 'guardian', 'potential')
    union all
    select i, '车辆', date '2022-03-10', '名下登记小型轿车1辆'
    from scale_person
    where plant = 12 and kind not in ('staff', 'temp', 'guardian', 'potential')
),

final as (
    select
        $batch_id as batch_id,
        '' as sheet,
        cast(row_number() over (order by h.i, h.source) + 1 as integer) as row_no,
        p.person_id,
        p.name,
        h.source,
        h.event_date,
        h.detail
    from hits as h
    join scale_person as p using (i)
)

select * from final

-- NOT_VISITED 未按期走访: active in 特困供养(分散), 孤儿(散居) or 事实无人抚养儿童 in a latest snapshot, and no visit
-- with as_of − visit_interval_days ≤ visit_date ≤ as_of.
with must_visit as (
    select
        person_key,
        min(village) as village,
        string_agg(distinct program || coalesce('(' || sub_type || ')', ''), '、') as programs,
        list({'dataset': 'roster', 'row_id': row_id} order by row_id) as rows
    from finding_current
    where (program = '特困供养' and sub_type = '分散')
       or (program = '孤儿' and sub_type = '散居')
       or program = '事实无人抚养儿童'
    group by person_key
),

visited as (
    select person_key(person_id) as person_key, visit_date
    from visits
    where visit_date <= $as_of
),

last_visit as (
    select v.person_key, max(v.visit_date) as visit_date
    from visited as v
    semi join must_visit as m using (person_key)
    group by v.person_key
),

final as (
    select
        m.person_key,
        m.village,
        format('{}对象，截至 {} 的 {} 天内没有走访记录（{}）', m.programs, cast($as_of as date), $visit_interval_days,
               coalesce('最近一次走访为 ' || l.visit_date, '从未走访')) as explanation,
        m.rows as source_rows
    from must_visit as m
    left join last_visit as l using (person_key)
    where l.visit_date is null
       or l.visit_date < cast($as_of as date) - cast($visit_interval_days as integer)
)

select * from final

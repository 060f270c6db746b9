-- NOT_VISITED 未按期走访: active in a latest snapshot in a program and sub_type that must be visited (config
-- programs.visited, bound as $visit_program/$visit_sub_type; a blank sub_type: all of the program), and no visit with
-- as_of − visit_interval_days ≤ visit_date ≤ as_of.
with visited_kinds as (
    select unnest($visit_program) as program, unnest($visit_sub_type) as sub_type
),

must_visit as (
    select
        person_key,
        min(village) as village,
        string_agg(distinct program || coalesce('(' || sub_type || ')', ''), '、') as programs,
        list({'dataset': 'roster', 'row_id': row_id} order by row_id) as rows
    from finding_current as c
    where exists (select 1 from visited_kinds as k
                  where k.program = c.program and (k.sub_type = '' or k.sub_type = c.sub_type))
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

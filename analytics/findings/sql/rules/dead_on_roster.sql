-- DEAD_ON_ROSTER 死亡未退保: active in the latest snapshot of a program, and a death record is dated before the
-- first day of that snapshot month.
with final as (
    select
        c.person_key,
        c.program_no,
        c.village,
        c.approved as amount,
        format('{}名册仍列为在保，但该对象{}', strftime(c.period, '%Y年%-m月'), d.death_said) as explanation,
        [{'dataset': 'roster', 'row_id': c.row_id}, d.death_row] as source_rows
    from finding_current as c
    join finding_death as d using (person_key)
    where d.died < c.period
    qualify row_number() over (partition by c.person_key, c.program_no order by c.village, c.row_id) = 1
)

select * from final

-- Findings staging: each person's earliest death record (死亡, 火化 or 户籍注销) dated up to as_of, and its row. A
-- record without its own date counts from its list's date (比对日期, filled at import from the file or the import
-- day; the batch's import day for rows from before that column), and `death_said` says which it was.
with deaths as (
    select
        person_key(c.person_id) as person_key,
        coalesce(c.event_date, c.list_date, cast(b.uploaded_at as date)) as died,
        c.event_date is null as undated,
        c.source,
        c.rowid as row_id
    from crosscheck as c
    left join import_batch as b on b.batch_id = c.batch_id
    where list_contains($death_sources, c.source)
)

select
    person_key,
    min(died) as died,
    arg_min(if(undated, format('{}的{}名单已列为死亡（名单未写死亡日期，按名单日期计）', died, source),
               format('已于 {} 死亡（{}记录）', died, source)), died) as death_said,
    arg_min({'dataset': 'crosscheck', 'row_id': row_id}, died) as death_row
from deaths
where died <= $as_of
group by all

-- CROSSCHECK_HIT 信息比对疑点: active in a latest snapshot of a means-tested program (config programs.means_tested:
-- 低保, 特困供养 — a disability or age subsidy is not granted on wealth) and matched by a cross-check record other
-- than a death (财政供养, 车辆, 房产, 工商, 社保养老金, 公积金, 其他) dated up to as_of.
with hits as (
    select
        person_key(person_id) as person_key,
        source,
        event_date,
        detail,
        {'dataset': 'crosscheck', 'row_id': rowid} as row_ref
    from crosscheck
    where not list_contains($death_sources, source)
      and (event_date is null or event_date <= $as_of)
),

covered as (
    select
        c.person_key,
        min(c.village) as village,
        string_agg(distinct c.program, '、' order by c.program) as programs,
        list({'dataset': 'roster', 'row_id': c.row_id} order by c.row_id) as rows
    from finding_current as c
    semi join hits using (person_key)
    where list_contains($means_tested, c.program)
    group by c.person_key
),

final as (
    select
        h.person_key,
        c.village,
        h.source,
        format('在保（{}），{}比对发现：{}', c.programs, h.source,
               string_agg(distinct coalesce(h.detail, '') || coalesce('（' || h.event_date || '）', ''), '；'))
            as explanation,
        c.rows || list(h.row_ref order by h.event_date) as source_rows
    from hits as h
    join covered as c using (person_key)
    group by h.person_key, c.village, c.programs, c.rows, h.source
)

select * from final

-- MISSED_ELIGIBLE 疑似漏保: on the potential list for a program, not active in that program's latest snapshot (in
-- any village), and not dead (no death record dated up to as_of).
with suggested as (
    select
        person_key(person_id) as person_key,
        village,
        program,
        basis,
        {'dataset': 'potential', 'row_id': rowid} as row_ref
    from potential
),

final as (
    select
        s.person_key,
        cast(list_position($program_names, s.program) as tinyint) as program_no,
        s.village,
        format('摸排名单提示可能符合{}（{}），但{}最新名册中未在保', s.program, coalesce(s.basis, '未注明依据'),
               coalesce(s.village, '')) as explanation,
        [s.row_ref] as source_rows
    from suggested as s
    where not exists (select 1 from finding_current as c where c.person_key = s.person_key and c.program = s.program)
      and not exists (select 1 from finding_death as d where d.person_key = s.person_key)
    qualify row_number() over (partition by s.person_key, s.program order by s.row_ref.row_id) = 1
)

select * from final

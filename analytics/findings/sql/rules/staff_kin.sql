-- STAFF_KIN 工作人员及近亲属享受: active in the latest snapshot of a program and on the staff list, whatever the 类别
-- (工作人员, 村干部, 近亲属): the case needs 备案 review.
with staff as (
    select
        person_key(person_id) as person_key,
        kind,
        coalesce(unit, '') || coalesce(role, '') as post,
        relation,
        {'dataset': 'staff', 'row_id': rowid} as row_ref
    from staff
),

final as (
    select
        c.person_key,
        c.program_no,
        c.village,
        c.approved as amount,
        format('{}{}名册在保，且在工作人员及近亲属名单中（{}{}），需备案审查', strftime(c.period, '%Y年%-m月'), c.program,
               s.kind, case when s.kind = '近亲属' then coalesce('：' || s.relation, '')
                            else coalesce('：' || nullif(s.post, ''), '') end) as explanation,
        [{'dataset': 'roster', 'row_id': c.row_id}, s.row_ref] as source_rows
    from finding_current as c
    join staff as s using (person_key)
    qualify row_number() over (partition by c.person_key, c.program_no
                               order by s.kind, c.village, c.row_id, s.row_ref.row_id) = 1
)

select * from final

-- INSTITUTION_RISK 供养机构安全隐患: an institution lacks one of the five 是/否 items (any value but 是 fires, blank
-- included), or its residents per caregiver exceed $max_residents_per_caregiver (equal does not fire; no caregiver
-- at all for its residents fires). Its village: a configured village named in the institution's name, if any.
with answers as (
    select *
    from (select rowid as row_id, * from institutions)
    unpivot include nulls (
        answer for item in (legal_registration, fire_approval, property_right, catering_licence, finance_rules)
    )
),

lacking as (
    select
        name as institution,
        item,
        format('{}{}：{}（应为“是”）', name, $item_labels[list_position($item_codes, item)],
               coalesce(nullif(answer, ''), '未填写')) as explanation,
        {'dataset': 'institutions', 'row_id': row_id} as row_ref
    from answers
    where answer is distinct from $yes
),

understaffed as (
    select
        name as institution,
        'caregiver_ratio' as item,
        format('{}护理人员 {} 人、供养 {} 人，每名护理人员照护 {} 人，超过上限 {} 人', name, coalesce(caregivers, 0),
               residents, case when coalesce(caregivers, 0) = 0 then '全部'
                               else format('{:.1f}', residents / caregivers) end,
               $max_residents_per_caregiver) as explanation,
        {'dataset': 'institutions', 'row_id': rowid} as row_ref
    from institutions
    where residents > 0
      and residents > coalesce(caregivers, 0) * $max_residents_per_caregiver
),

final as (
    select
        f.institution,
        f.item,
        (select min(v) from (select unnest($village_names) as v) where contains(f.institution, v)) as village,
        f.explanation,
        [f.row_ref] as source_rows
    from (select * from lacking union all select * from understaffed) as f
    qualify row_number() over (partition by f.institution, f.item order by f.row_ref.row_id) = 1
)

select * from final

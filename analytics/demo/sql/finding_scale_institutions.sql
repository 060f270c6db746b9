-- Scale generator: one care home per ten villages; some lack an item or have too few caregivers (INSTITUTION_RISK).
select
    $batch_id as batch_id,
    '' as sheet,
    cast(k + 2 as integer) as row_no,
    $village_names[k * 10 + 1] || '敬老院' as name,
    case when hash($seed, k, 'legal') % 9 = 0 then '否' else '是' end as legal_registration,
    case when hash($seed, k, 'fire') % 9 = 0 then '否' else '是' end as fire_approval,
    '是' as property_right,
    case when hash($seed, k, 'food') % 9 <> 0 then '是' end as catering_licence,
    '是' as finance_rules,
    3 as caregivers,
    cast(20 + hash($seed, k, 'residents') % 14 as integer) as residents,
    date '2022-10-18' as checked_on
from (select unnest(range($institution_count)) as k)

-- Scale generator: people other registries suggest (MISSED_ELIGIBLE): the potential block, none of them covered.
select
    $batch_id as batch_id,
    '' as sheet,
    cast(j + 2 as integer) as row_no,
    person_id,
    name,
    $village_names[v + 1] as village,
    case when j % 2 = 0 then '重度残疾人护理补贴' else '低保' end as program,
    case when j % 2 = 0 then '残联新办一级残疾证' else '医保大额自付费用' end as basis
from scale_person
where kind = 'potential'

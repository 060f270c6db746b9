-- The counted findings (those judged 不属实 left out) per 整治重点 within the filters, with how many were checked in
-- the village by $as_of (核实, the latest record up to that day) and how many of those were found true or partly true.
with found as (
    select focus, finding_key
    from finding_counted
    where {{filters}}
),

verified as (
    select finding_key, result
    from finding_verification
    where cast(done_at as date) <= $as_of
    qualify row_number() over (partition by finding_key order by done_at desc) = 1
)

select
    f.focus,
    count(*) as findings,
    count(v.result) as verified,
    count(*) filter (where list_contains($true_results, v.result)) as confirmed
from found as f
left join verified as v using (finding_key)
group by f.focus

-- The stored findings an export writes: those of finding_list (same filters and codes), with their latest
-- verification, those judged 不属实 too when $dismissed holds true; in finding_list's order, the dismissed after the
-- others, numbered n for the writers (finding_key breaks a tie that finding_list leaves open).
select
    row_number() over (
        order by coalesce(v.dismissed, false), f.code, f.village, f.person_id, f.period, f.bank_account,
            f.institution, f.item, f.finding_key
    ) as n,
    f.*,
    v.result as verification_result,
    v.action as verification_action,
    v.note as verification_note,
    v.done_by as verified_by,
    v.done_at as verified_at
from finding as f
left join finding_verified as v using (finding_key)
where (len($codes) = 0 or list_contains($codes, f.code))
  and list_contains($dismissed, coalesce(v.dismissed, false))
  and {{filters}}
order by n

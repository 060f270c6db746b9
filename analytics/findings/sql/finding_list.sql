-- The stored findings within the sidebar filters and the chosen codes (an empty list means all), with their latest
-- verification: those judged 不属实 or not as $dismissed lists ([false]: the others; [true]: those; both: an export,
-- the dismissed after the others). A finding keyed without a month (DEAD_ON_ROSTER, STAFF_KIN, …) shows whatever the
-- month range, one keyed without a program (NOT_VISITED, CROSSCHECK_HIT, …) whatever the programs; a program matches
-- either program of an EXCLUSIVE_DUP pair. finding_key breaks the ties the other columns leave.
select
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
order by coalesce(v.dismissed, false), f.code, f.village, f.person_id, f.period, f.bank_account, f.institution, f.item,
    f.finding_key

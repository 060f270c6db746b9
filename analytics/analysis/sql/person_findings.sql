-- The findings about one person, with their latest verification (one judged 不属实 stays listed here, marked).
select f.code, f.title, f.severity, f.focus, f.village, f.program, f.program_b, f.period, f.amount, f.explanation,
       f.sources, f.finding_key, v.result as verification_result, v.action as verification_action,
       v.note as verification_note
from finding as f
left join finding_verified as v using (finding_key)
where f.person_id = $person_id
order by f.period nulls first, f.code

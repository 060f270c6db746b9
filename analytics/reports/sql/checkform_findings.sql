-- The findings chosen for 入户核查 by their keys (judged 不属实 or not: the office chose them).
select finding_key, code, title, village, person_id, name, program, period, explanation, institution, bank_account,
    as_of
from finding
where list_contains($keys, finding_key)
order by village, person_id, period, code

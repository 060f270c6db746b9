-- The counted findings (not judged 不属实) of the persons drawn for 抽查: checked at the same visit.
select finding_key, code, title, village, person_id, name, program, period, explanation, institution, bank_account,
    as_of
from finding_counted
where list_contains($person_ids, person_id)
order by person_id, period, code

-- 应退未退: the persons whose findings say they should have left a program and are still on it ($codes: dead on the
-- roster, past the program's age, a non-death cross-check hit), those judged 不属实 left out, within the filters.
select count(distinct person_id) as persons
from finding_counted
where list_contains($codes, code)
  and {{filters}}

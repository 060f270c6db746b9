-- How many findings within the filters were judged 不属实 on verification.
select count(*)
from finding as f
join finding_verified as v using (finding_key)
where v.dismissed
  and {{filters}}

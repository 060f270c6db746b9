-- One stored finding by its natural key: what a verification needs to know of it.
select finding_key, code, village, person_id, program, period
from finding
where finding_key = $finding_key

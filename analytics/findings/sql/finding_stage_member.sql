-- Findings staging: the members of the households of programs paid per household (config pays = "household": 低保)
-- other than the head, each with the head's key. A household is one unit of expected and paid money named by its
-- head (户主身份证号, which the importer fills for every member of a 户编号 block), so a payment to a member counts as
-- the household's.
select distinct
    person_key(person_id) as person_key,
    cast(list_position($program_names, program) as tinyint) as program_no,
    period,
    person_key(head_id) as unit_key,
    hash(head_id) as unit_hash
from roster
where period <= $as_of
  and list_contains($household_programs, program)
  and head_id <> person_id
  and roster_active(status, start_date, end_date, period, $active_statuses)

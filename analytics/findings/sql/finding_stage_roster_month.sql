-- Findings staging: which (program, village, month) rosters exist up to as_of, and which is the latest snapshot of
-- each (program, village): the latest month up to as_of that has a roster for it.
with rosters as (
    select distinct cast(list_position($program_names, program) as tinyint) as program_no, village, period
    from roster
    where period <= $as_of
)

select *, period = max(period) over (partition by program_no, village) as latest
from rosters

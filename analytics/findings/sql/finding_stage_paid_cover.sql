-- Findings staging: which (program, month, village) a payments file covers (the payment_cover macro, migration
-- 0013), so that a roster whose payments file has not come yet gives no 欠付.
select distinct cast(list_position($program_names, program) as tinyint) as program_no, period, village
from payment_cover($as_of, $village_names)

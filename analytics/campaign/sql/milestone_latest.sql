-- Each milestone item's latest record (a later record replaces an earlier one; completed_on null = withdrawn).
select milestone, village, completed_on, evidence, done_by, done_at
from milestone_record
qualify row_number() over (partition by milestone, village order by done_at desc, rowid desc) = 1

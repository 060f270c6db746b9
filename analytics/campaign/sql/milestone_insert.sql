-- One milestone record, kept alongside the earlier ones.
insert into milestone_record values ($milestone, $village, $completed_on, $evidence, $user, now())

-- 排查对象 of the 整改报告: the persons active on any roster month from $window_start to $as_of within the filters, and
-- their households (a person's 户编号 or 户主 on any of those rows, else the person alone).
with persons as (
    select person_id, coalesce(max(household_id), max(head_id), person_id) as household
    from roster
    where period between $window_start and $as_of
      and roster_active(status, start_date, end_date, period, $active_statuses)
      and {{filters}}
    group by person_id
)

select count(*) as persons, count(distinct household) as households
from persons
